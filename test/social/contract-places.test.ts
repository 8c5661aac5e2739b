import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { social } from '../support/social';

// The GraphQL contract of the social places and catalog: global ids, node/nodes for every type
// (null where the viewer may not see it), keyset connections, enums, setters and id checks.

let gw: TestGateway;
let adminToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = ok(await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
});
afterAll(() => gw.close());

let serial = 0;
const member = (): Promise<Member> => gw.member(`cp${++serial}`);
const handle = (prefix: string) => `${prefix}_${++serial}_c`;
const as = (who: Member | null, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, who?.token);
const field = (res: { body: any }) => res.body.errors?.[0]?.extensions?.field;
const IMAGE = 'https://img.example.com/p.jpg';
const PRODUCT = { title: 'Desk lamp', description: 'Warm light', location: 'York', price: 15, category: 7, imageUrls: [IMAGE, IMAGE] };

async function createPage(owner: Member): Promise<number> {
  return ok(await as(owner, 'mutation($i: CreatePageInput!) { createPage(input: $i) { id: databaseId } }', { i: { name: handle('page'), title: 'A page' } })).createPage.id;
}
async function createProduct(seller: Member, type = 'NEW'): Promise<number> {
  return ok(await as(seller, 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id: databaseId } }', { i: { ...PRODUCT, type } })).createProduct.id;
}
async function createStory(owner: Member): Promise<number> {
  const create = 'mutation($i: CreateStoryInput!) { createStory(input: $i) { id: databaseId } }';
  return ok(await as(owner, create, { i: { fileUrl: 'https://img.example.com/s.jpg', fileType: 'image' } })).createStory.id;
}

/** One of everything, some of it out of the viewer's sight; returns the global ids by what they are. */
async function world(viewer: Member) {
  const [author, stranger] = [await member(), await member()];
  await gw.app.database.db.insertInto('follows').values({ follower_id: viewer.id, following_id: author.id, status: 'accepted', created_at: new Date().toISOString() }).execute();
  const page = await createPage(author);
  const group = ok(await as(author, 'mutation($i: CreateGroupInput!) { createGroup(input: $i) { id: databaseId } }', { i: { name: handle('grp'), title: 'G', isPrivate: true } })).createGroup.id;
  const event = { name: 'Book club', location: 'Library', description: 'We read and talk.', startDate: '2099-03-01', startTime: '18:00', endDate: '2099-03-01', endTime: '20:00' };
  const eventId = ok(await as(author, 'mutation($i: CreateEventInput!) { createEvent(input: $i) { id: databaseId } }', { i: event })).createEvent.id;
  const product = ok(
    await as(author, 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id: databaseId images { id: databaseId } } }', { i: { ...PRODUCT, type: 'USED' } }),
  ).createProduct;
  const article = async () =>
    ok(await as(author, 'mutation($i: CreateArticleInput!) { createArticle(input: $i) { id: databaseId } }', { i: { title: 'On bread', content: 'Flour.' } })).createArticle.id;
  const [articleId, hiddenArticle] = [await article(), await article()];
  await gw.app.database.db.updateTable('articles').set({ active: 0 }).where('id', '=', hiddenArticle).execute();
  const album = ok(
    await as(author, 'mutation($i: CreateAlbumInput!) { createAlbum(input: $i) { id: databaseId media { id: databaseId } } }', { i: { name: 'Trip', mediaUrls: [IMAGE, IMAGE] } }),
  ).createAlbum;
  const movie = ok(await gw.gql('mutation($i: CreateMovieInput!) { createMovie(input: $i) { id: databaseId } }', { i: { name: 'Night Train', genre: 'Thriller', country: 'Spain' } }, adminToken))
    .createMovie.id;
  const [story, expiredStory, strangerStory, ownExpired] = [await createStory(author), await createStory(author), await createStory(stranger), await createStory(viewer)];
  await gw.app.database.db.updateTable('stories').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', 'in', [expiredStory, ownExpired]).execute();
  return {
    visible: {
      Page: [page],
      Group: [group],
      Event: [eventId],
      Product: [product.id],
      ProductImage: product.images.map((i: any) => i.id),
      Article: [articleId],
      Album: [album.id],
      AlbumMedia: album.media.map((m: any) => m.id),
      Movie: [movie],
      Story: [story, ownExpired],
    } as Record<string, number[]>,
    hidden: { Article: [hiddenArticle], Story: [expiredStory, strangerStory] } as Record<string, number[]>,
  };
}

const NODES =
  'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Page { databaseId } ... on Group { databaseId } ... on Event { databaseId } ' +
  '... on Product { databaseId type status } ... on ProductImage { databaseId } ... on Article { databaseId } ... on Album { databaseId } ' +
  '... on AlbumMedia { databaseId } ... on Movie { databaseId } ... on Story { databaseId } } }';

describe('node and nodes', () => {
  test('fetch every type of the places and catalog by global id, null where the viewer may not see it, one statement per type', async () => {
    const viewer = await member();
    const { visible, hidden } = await world(viewer);
    const ids = Object.entries(visible).flatMap(([type, numbers]) => numbers.map((n) => toGlobalId(type, n)));
    const start = gw.queries.length;
    const found = ok(await as(viewer, NODES, { ids })).nodes;
    const statements = gw.queries.slice(start);
    expect(found.map((n: any) => [n.__typename, n.databaseId])).toEqual(Object.entries(visible).flatMap(([type, numbers]) => numbers.map((n) => [type, n])));
    expect(found.map((n: any) => n.id)).toEqual(ids);
    expect(found.find((n: any) => n.__typename === 'Product')).toMatchObject({ type: 'USED', status: 'FOR_SALE' });
    // One statement per type, whatever the number of ids of it.
    const byTable = statements.map((sql) => /from "(\w+)" where "id" in/.exec(sql)?.[1]).filter(Boolean);
    expect(byTable.sort()).toEqual(['album_media', 'albums', 'articles', 'events', 'groups', 'movies', 'pages', 'product_images', 'products', 'stories']);

    const hiddenIds = Object.entries(hidden).flatMap(([type, numbers]) => numbers.map((n) => toGlobalId(type, n)));
    expect(ok(await as(viewer, NODES, { ids: hiddenIds })).nodes).toEqual(hiddenIds.map(() => null));
    // Stories are for signed-in viewers; others' expired stories and those of users not followed stay hidden.
    expect(ok(await as(null, NODES, { ids: [toGlobalId('Story', visible.Story[0])] })).nodes).toEqual([null]);
    expect(ok(await as(viewer, 'query($id: ID!) { node(id: $id) { id ... on Page { databaseId } } }', { id: toGlobalId('Page', visible.Page[0]) })).node).toEqual({
      id: toGlobalId('Page', visible.Page[0]),
      databaseId: visible.Page[0],
    });
    expect(ok(await as(viewer, 'query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Movie', 999999) })).node).toBeNull();
  });
});

describe('connections', () => {
  test('products page forward and backward by keyset cursors: no row skipped or repeated while products are added', async () => {
    const seller = await member();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createProduct(seller));
    const query =
      'query($f: ProductsFilter, $first: Int, $after: String, $last: Int, $before: String) { products(filter: $f, first: $first, after: $after, last: $last, before: $before) ' +
      '{ edges { cursor node { databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const page = async (args: Record<string, unknown>) => ok(await gw.gql(query, { f: { sellerId: toGlobalId('User', seller.id) }, ...args })).products;
    const idsOf = (p: any) => p.edges.map((e: any) => e.node.databaseId);

    const one = await page({ first: 2 });
    expect([idsOf(one), one.pageInfo.hasNextPage, one.pageInfo.hasPreviousPage]).toEqual([[made[4], made[3]], true, false]);
    const newer = await createProduct(seller);
    const two = await page({ first: 2, after: one.pageInfo.endCursor });
    expect([idsOf(two), two.pageInfo.hasPreviousPage]).toEqual([[made[2], made[1]], true]);
    const newest = await createProduct(seller);
    const three = await page({ first: 2, after: two.pageInfo.endCursor });
    expect([idsOf(three), three.pageInfo.hasNextPage]).toEqual([[made[0]], false]);

    const back = await page({ last: 2, before: two.pageInfo.startCursor });
    expect([idsOf(back), back.pageInfo.hasPreviousPage, back.pageInfo.hasNextPage]).toEqual([[made[4], made[3]], true, true]);
    const front = await page({ last: 5, before: back.pageInfo.startCursor });
    expect([idsOf(front), front.pageInfo.hasPreviousPage]).toEqual([[newest, newer], false]);
  });

  test("a user's liked pages page by when they were liked: no overlap while likes are added", async () => {
    const [owner, fan] = [await member(), await member()];
    const pages = [];
    for (let i = 0; i < 4; i++) pages.push(await createPage(owner));
    const like = async (page: number) => {
      ok(await as(fan, 'mutation($i: SetPageLikedInput!) { setPageLiked(input: $i) { viewerLikes } }', { i: { pageId: toGlobalId('Page', page), liked: true } }));
      await new Promise((resolve) => setTimeout(resolve, 3));
    };
    for (const page of [pages[2], pages[0], pages[3]]) await like(page);
    const list = async (after: string | null) =>
      ok(
        await as(fan, 'query($ids: [ID!]!, $after: String) { usersByIds(ids: $ids) { likedPages(first: 2, after: $after) { nodes { databaseId } pageInfo { endCursor hasNextPage } } } }', {
          ids: [toGlobalId('User', fan.id)],
          after,
        }),
      ).usersByIds[0].likedPages;
    const one = await list(null);
    expect(one.nodes.map((p: any) => p.databaseId)).toEqual([pages[3], pages[0]]);
    await like(pages[1]);
    const two = await list(one.pageInfo.endCursor);
    expect([two.nodes.map((p: any) => p.databaseId), two.pageInfo.hasNextPage]).toEqual([[pages[2]], false]);
    expect(code(await as(fan, 'query($ids: [ID!]!) { usersByIds(ids: $ids) { likedPages(after: "W10") { nodes { databaseId } } } }', { ids: [toGlobalId('User', fan.id)] }))).toBe('BAD_USER_INPUT');
  });

  test('events, articles, movies, albums and stories are connections; their old paging arguments are gone', async () => {
    for (const old of [
      '{ events(limit: 5) { databaseId } }',
      '{ articles(beforeId: 5) { databaseId } }',
      '{ movies(limit: 1) { databaseId } }',
      '{ stories(limit: 1) { databaseId } }',
      '{ promotedPages(limit: 1) { databaseId } }',
    ]) {
      expect(code(await gw.gql(old))).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(code(await gw.gql('{ movies(first: 101) { nodes { databaseId } } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('enums, setters and ids', () => {
  test("a product's type and status are enums on the wire; the social API still answers its numbers", async () => {
    const seller = await member();
    const used = await createProduct(seller, 'USED');
    const view = ok(await gw.gql('query($id: ID!) { product(id: $id) { type status } }', { id: toGlobalId('Product', used) })).product;
    expect(view).toEqual({ type: 'USED', status: 'FOR_SALE' });
    expect(code(await as(seller, 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', { i: { ...PRODUCT, type: 1 } }))).toBe('BAD_USER_INPUT');
    const legacy = await social(gw, 'get-products', { user_id: String(seller.id) }, seller.token);
    expect(legacy.body.products.map((p: any) => [p.id, p.type, p.status])).toEqual([[String(used), '1', '0']]);
  });

  test('page details are typed fields; the social API reads and writes them by its own names', async () => {
    const owner = await member();
    const page = await createPage(owner);
    const update = 'mutation($i: UpdatePageInput!) { updatePage(input: $i) { details { company instgram callActionTypeUrl facebook } } }';
    const details = ok(await as(owner, update, { i: { pageId: toGlobalId('Page', page), details: { company: 'Noir', instgram: 'noirgram', callActionTypeUrl: 'https://noir.example' } } })).updatePage
      .details;
    expect(details).toEqual({ company: 'Noir', instgram: 'noirgram', callActionTypeUrl: 'https://noir.example', facebook: null });
    const legacy = await social(gw, 'get-page-data', { page_id: String(page) }, owner.token);
    expect(legacy.body.page_data).toMatchObject({ company: 'Noir', instgram: 'noirgram', instagram: '', call_action_type_url: 'https://noir.example', facebook: '' });
  });

  test('setters set a state; the social toggles still toggle through them', async () => {
    const [owner, fan] = [await member(), await member()];
    const page = await createPage(owner);
    const set = async (liked: boolean) =>
      ok(await as(fan, 'mutation($i: SetPageLikedInput!) { setPageLiked(input: $i) { likeCount viewerLikes } }', { i: { pageId: toGlobalId('Page', page), liked } })).setPageLiked;
    expect(await set(true)).toEqual({ likeCount: 1, viewerLikes: true });
    expect(await set(true)).toEqual({ likeCount: 1, viewerLikes: true });
    expect((await social(gw, 'like-page', { page_id: String(page) }, fan.token)).body.like_status).toBe('unliked');
    expect((await social(gw, 'like-page', { page_id: String(page) }, fan.token)).body.like_status).toBe('liked');
    expect(await set(false)).toEqual({ likeCount: 0, viewerLikes: false });
  });

  test('arguments naming objects take global ids of the right type; anything else is BAD_USER_INPUT naming the argument', async () => {
    const me = await member();
    const page = await createPage(me);
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const res = await as(me, query, variables);
      return [code(res), field(res)];
    };
    expect(await refused('query($id: ID!) { product(id: $id) { databaseId } }', { id: 'garbage' })).toEqual(['BAD_USER_INPUT', 'id']);
    expect(await refused('query($id: ID!) { event(id: $id) { databaseId } }', { id: toGlobalId('Page', page) })).toEqual(['BAD_USER_INPUT', 'id']);
    expect(await refused('mutation($i: SetPageLikedInput!) { setPageLiked(input: $i) { databaseId } }', { i: { pageId: toGlobalId('Group', page), liked: true } })).toEqual([
      'BAD_USER_INPUT',
      'pageId',
    ]);
    expect(await refused('mutation($i: SetGroupMembershipInput!) { setGroupMembership(input: $i) { databaseId } }', { i: { groupId: '42', member: true } })).toEqual(['BAD_USER_INPUT', 'groupId']);
    expect(await refused('mutation($id: ID!) { deleteStory(storyId: $id) }', { id: toGlobalId('Page', page) })).toEqual(['BAD_USER_INPUT', 'storyId']);
    expect(await refused('query($u: ID!) { albums(userId: $u) { nodes { databaseId } } }', { u: toGlobalId('Page', page) })).toEqual(['BAD_USER_INPUT', 'userId']);
    expect(await refused('query($f: ProductsFilter) { products(filter: $f) { nodes { databaseId } } }', { f: { sellerId: 'nope' } })).toEqual(['BAD_USER_INPUT', 'sellerId']);
    expect(await refused('query($o: ID) { pages(ownerId: $o) { nodes { databaseId } } }', { o: toGlobalId('Page', page) })).toEqual(['BAD_USER_INPUT', 'ownerId']);
  });
});
