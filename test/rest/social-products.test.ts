import { toGlobalId } from '../../src/graphql/node';
import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { counts, expectError, social, socialMultipart, USER_KEYS } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const PRODUCT = {
  product_title: 'Red bicycle',
  product_description: 'A city bike, barely ridden #bike',
  product_location: 'Leeds',
  product_price: '120',
  product_category: '3',
  product_type: '1',
};
const PRODUCT_KEYS = ['id', 'user_id', 'post_id', 'name', 'description', 'location', 'price', 'currency', 'category', 'type', 'status', 'time', 'images', 'user_data'];
const TABLES = ['products', 'product_images', 'posts', 'media_files', 'tag_mappings', 'activities'];

let serial = 0;
const member = () => gw.member(`pr${++serial}`);

function createProduct(token: string, fields: Record<string, string> = {}, files: [string, string, Buffer][] = [['images', 'bike.png', SAMPLES.png]]) {
  return socialMultipart(gw, 'create-product', { ...PRODUCT, ...fields }, files, token);
}

describe('POST /api/create-product', () => {
  test('creates the product, its images and its post; answers product_id and product_post_id', async () => {
    const me = await member();
    const before = await counts(gw, TABLES);
    const res = await createProduct(me.token, {}, [
      ['images', 'a.png', SAMPLES.png],
      ['images', 'b.jpg', SAMPLES.jpg],
    ]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['api_status', 'product_id', 'product_post_id']);
    expect(res.body).toEqual({ api_status: 200, product_id: expect.any(Number), product_post_id: expect.any(Number) });
    const db = gw.app.database.db;
    const product = await db.selectFrom('products').selectAll().where('id', '=', res.body.product_id).executeTakeFirstOrThrow();
    expect(product).toMatchObject({ user_id: me.id, post_id: res.body.product_post_id, title: 'Red bicycle', location: 'Leeds', price: 120, category: 3, type: 1, status: 0 });
    const images = await db.selectFrom('product_images').select('url').where('product_id', '=', product.id).orderBy('id').execute();
    expect(images.map((i) => i.url)).toEqual([expect.stringMatching(/\.png$/), expect.stringMatching(/\.jpg$/)]);
    for (const { url } of images) expect(filesUnder(gw.uploadDir)).toContain(url.replace('/uploads/', ''));
    const post = await db.selectFrom('posts').selectAll().where('id', '=', res.body.product_post_id).executeTakeFirstOrThrow();
    expect(post).toMatchObject({ user_id: me.id, post_type: 'product', post_status: 15, media_url: images[0].url, board_id: null });
    expect(post.content).toContain('Red bicycle');
    expect(await counts(gw, TABLES)).toEqual({
      products: before.products + 1,
      product_images: before.product_images + 2,
      posts: before.posts + 1,
      media_files: before.media_files + 2,
      tag_mappings: before.tag_mappings + 1,
      activities: before.activities + 1,
    });
    const gql = await gw.gql(`{ post(id: "${toGlobalId('Post', Number(post.id))}") { id: databaseId authorId: authorDatabaseId } }`, {}, me.token);
    expect(gql.body.data.post).toEqual({ id: post.id, authorId: me.id });
  });

  test('images[] parts and product_type "new" are read too', async () => {
    const me = await member();
    const res = await createProduct(me.token, { product_type: 'new' }, [['images[]', 'a.gif', SAMPLES.gif]]);
    expect(res.body.api_status).toBe(200);
    const row = await gw.app.database.db.selectFrom('products').select('type').where('id', '=', res.body.product_id).executeTakeFirstOrThrow();
    expect(row.type).toBe(0);
  });

  test.each([
    [{ product_title: 'A' }, /^product_title must be at least 2 characters$/],
    [{ product_description: ' x ' }, /^product_description must be at least 2 characters$/],
    [{ product_location: '' }, /^product_location is required$/],
    [{ product_price: '12.50' }, /^product_price must be an integer$/],
    [{ product_price: '-1' }, /^product_price must not be negative$/],
    [{ product_category: 'toys' }, /^product_category must be an integer$/],
    [{ product_type: '2' }, /^product_type must be 0 \(new\) or 1 \(used\)$/],
  ])('%j is refused and writes no row and no file', async (fields, text) => {
    const me = await member();
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await createProduct(me.token, fields), 3, text);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });

  test('no images, a video, or a disallowed file among good ones leaves no row and no file', async () => {
    const me = await member();
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await social(gw, 'create-product', PRODUCT, me.token), 3, /^images is required/);
    expectError(await social(gw, 'create-product', { ...PRODUCT, images: 'https://example.com/a.png' }, me.token), 3, /^images must be sent as multipart files$/);
    expectError(await createProduct(me.token, {}, [['images', 'clip.mp4', SAMPLES.mp4]]), 3, /^images must be an image$/);
    expectError(
      await createProduct(me.token, {}, [
        ['images', 'ok.png', SAMPLES.png],
        ['images', 'tool.exe', SAMPLES.exe],
      ]),
      3,
      /^images type \.exe is not allowed/,
    );
    expectError(
      await createProduct(me.token, {}, [
        ['images', 'ok.png', SAMPLES.png],
        ['images', 'fake.jpg', SAMPLES.html],
      ]),
      3,
      /^images is not a valid/,
    );
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });
});

describe('POST /api/get-products', () => {
  test('lists products newest first with images and the seller; filters by user, category and keyword; offset pages', async () => {
    const [ann, bob] = [await member(), await member()];
    const a1 = (await createProduct(ann.token, { product_title: 'Wooden chair', product_category: '41' })).body.product_id;
    const b1 = (await createProduct(bob.token, { product_title: 'Oak table', product_description: 'Solid 100%_oak', product_category: '41' })).body.product_id;
    const a2 = (await createProduct(ann.token, { product_title: 'Lamp', product_category: '42' })).body.product_id;

    const byAnn = await social(gw, 'get-products', { user_id: String(ann.id) }, bob.token);
    expect(Object.keys(byAnn.body)).toEqual(['api_status', 'products']);
    expect(byAnn.body.products.map((p: any) => Number(p.id))).toEqual([a2, a1]);
    const product = byAnn.body.products[0];
    expect(Object.keys(product)).toEqual(PRODUCT_KEYS);
    expect(product).toMatchObject({ user_id: String(ann.id), name: 'Lamp', price: '120', currency: 'USD', category: '42', type: '1', status: '0' });
    expect(product.images).toEqual([{ id: expect.stringMatching(/^\d+$/), product_id: String(a2), image: expect.stringMatching(/^http:\/\/localhost:\d+\/uploads\/.+\.png$/) }]);
    expect(Object.keys(product.user_data)).toEqual(USER_KEYS);
    expect(product.user_data.username).toBe(`pr${serial - 1}`);

    const ids = async (form: Record<string, string>) => (await social(gw, 'get-products', form, ann.token)).body.products.map((p: any) => Number(p.id));
    expect(await ids({ category_id: '41' })).toEqual([b1, a1]);
    expect(await ids({ category: '42' })).toEqual([a2]);
    expect(await ids({ keyword: 'TABLE' })).toEqual([b1]);
    expect(await ids({ keyword: '100%_' })).toEqual([b1]);
    expect(await ids({ keyword: '%' })).toEqual([b1]);
    expect(await ids({ category_id: '41', offset: String(b1) })).toEqual([a1]);
    expect(await ids({ user_id: String(ann.id), limit: '1' })).toEqual([a2]);
  });

  test('bad params are errors', async () => {
    const me = await member();
    expectError(await social(gw, 'get-products', { user_id: 'me' }, me.token), 3, /^user_id must be an integer$/);
    expectError(await social(gw, 'get-products', { offset: '-4' }, me.token), 3, /^offset must be a positive id$/);
    expectError(await social(gw, 'get-products', { limit: '-1' }, me.token), 3, /limit must be at least 1/);
  });

  test('a page of products with images and sellers costs the same statements whatever its size', async () => {
    const sellers = [await member(), await member(), await member()];
    const category = 900 + serial;
    for (const seller of sellers) {
      for (let i = 0; i < 2; i++) {
        await createProduct(seller.token, { product_category: String(category) }, [
          ['images', 'a.png', SAMPLES.png],
          ['images', 'b.gif', SAMPLES.gif],
        ]);
      }
    }
    /** Statements of one request, without the typing sweeper's (it runs on a timer). */
    const statements = async (limit: number) => {
      const start = gw.queries.length;
      const res = await social(gw, 'get-products', { category_id: String(category), limit: String(limit) }, sellers[0].token);
      expect(res.body.products).toHaveLength(limit);
      expect(res.body.products.every((p: any) => p.images.length === 2 && p.user_data.user_id === p.user_id)).toBe(true);
      return gw.queries.length - start;
    };
    const one = await statements(1);
    expect(await statements(6)).toBe(one);
  });
});
