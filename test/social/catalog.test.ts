import type { DomainEvent } from '../../src/events/domain-event';
import { Topic } from '../../src/graphql/pubsub';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
let adminToken: string;
const events: DomainEvent[] = [];
beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = ok(await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
  void (async () => {
    for await (const event of gw.app.gateway.services.pubsub.subscribe(Topic.DomainEvent)) events.push(event);
  })();
});
afterAll(() => gw.close());

let serial = 0;
const member = (): Promise<Member> => gw.member(`gq${++serial}`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const field = (res: { body: any }) => res.body.errors?.[0]?.extensions?.field;
/** Statements run since `start`, without the typing sweeper's, which runs on a timer. */
const ownStatements = (start: number) => gw.queries.length - start;

const EVENT = { name: 'Book club', location: 'Library', description: 'We read and talk about it.', startDate: '2099-03-01', startTime: '18:00', endDate: '2099-03-01', endTime: '20:00' };
const CREATE_EVENT = 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id: databaseId ownerId: ownerDatabaseId goingCount } }';
const EVENT_VIEW = 'query($id: ID!) { event(id: $id) { id: databaseId goingCount interestedCount viewerGoing viewerInterested owner { id: databaseId } } }';

describe('events', () => {
  test('createEvent checks its input, records event.created, and going / interested are set explicitly', async () => {
    const [owner, me] = [await member(), await member()];
    const before = await gw.count('events');
    const short = await gw.gql(CREATE_EVENT, { input: { ...EVENT, name: 'Club' } }, owner.token);
    expect([code(short), field(short), short.body.errors[0].message]).toEqual(['BAD_USER_INPUT', 'name', 'name must be at least 5 characters']);
    expect(code(await gw.gql(CREATE_EVENT, { input: { ...EVENT, endTime: '17:00' } }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE_EVENT, { input: { ...EVENT, coverUrl: 'ftp://x' } }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE_EVENT, { input: EVENT }))).toBe('UNAUTHENTICATED');
    expect(await gw.count('events')).toBe(before);

    const created = ok(await gw.gql(CREATE_EVENT, { input: { ...EVENT, coverUrl: 'https://img.example.com/c.jpg' } }, owner.token)).createEvent;
    expect(created).toEqual({ id: expect.any(Number), ownerId: owner.id, goingCount: 0 });
    await settle();
    expect(events).toContainEqual(expect.objectContaining({ name: 'event.created', entities: { event: [created.id], user: [owner.id] }, actorId: owner.id }));

    const eventId = toGlobalId('Event', created.id);
    const goQuery = 'mutation($i: SetEventGoingInput!) { setEventGoing(input: $i) { goingCount viewerGoing } }';
    const go = async (going: boolean, id = eventId) => gw.gql(goQuery, { i: { eventId: id, going } }, me.token);
    expect(ok(await go(true)).setEventGoing).toEqual({ goingCount: 1, viewerGoing: true });
    expect(ok(await go(true)).setEventGoing).toEqual({ goingCount: 1, viewerGoing: true });
    const interest = async (interested: boolean) =>
      gw.gql('mutation($i: SetEventInterestedInput!) { setEventInterested(input: $i) { interestedCount viewerInterested } }', { i: { eventId, interested } }, me.token);
    expect(ok(await interest(true)).setEventInterested).toEqual({ interestedCount: 1, viewerInterested: true });
    expect(ok(await gw.gql(EVENT_VIEW, { id: eventId }, me.token)).event).toEqual({
      id: created.id,
      goingCount: 1,
      interestedCount: 1,
      viewerGoing: true,
      viewerInterested: true,
      owner: { id: owner.id },
    });
    expect(ok(await gw.gql(EVENT_VIEW, { id: eventId }, owner.token)).event).toMatchObject({ viewerGoing: false, viewerInterested: false });
    expect(ok(await go(false)).setEventGoing).toEqual({ goingCount: 0, viewerGoing: false });
    expect(ok(await interest(false)).setEventInterested).toEqual({ interestedCount: 0, viewerInterested: false });
    expect(code(await go(true, toGlobalId('Event', 999999)))).toBe('NOT_FOUND');
    const wrongType = await go(true, toGlobalId('Page', created.id));
    expect([code(wrongType), field(wrongType)]).toEqual(['BAD_USER_INPUT', 'eventId']);
    expect(ok(await gw.gql(EVENT_VIEW, { id: toGlobalId('Event', 999999) })).event).toBeNull();

    const mine = ok(await gw.gql('{ events(mine: true) { nodes { id: databaseId } } }', {}, owner.token)).events.nodes;
    expect(mine).toEqual([{ id: created.id }]);
    const others = ok(await gw.gql('{ events(first: 100) { nodes { id: databaseId } } }', {}, me.token)).events.nodes.map((e: any) => e.id);
    expect(others).toContain(created.id);
    expect(ok(await gw.gql('{ events(first: 100) { nodes { id: databaseId } } }', {}, owner.token)).events.nodes.map((e: any) => e.id)).not.toContain(created.id);
  });
});

const CREATE_PRODUCT = 'mutation($input: CreateProductInput!) { createProduct(input: $input) { id: databaseId postId: postDatabaseId sellerId: sellerDatabaseId type } }';
const PRODUCT = { title: 'Desk lamp', description: 'Warm light', location: 'York', price: 15, category: 2, type: 'NEW' };

describe('products', () => {
  test('createProduct makes the product and its post, records product.created and post.created; needs an image', async () => {
    const me = await member();
    const tables = async () => [await gw.count('products'), await gw.count('posts'), await gw.count('product_images')];
    const before = await tables();
    const none = await gw.gql(CREATE_PRODUCT, { input: PRODUCT }, me.token);
    expect([code(none), field(none)]).toEqual(['BAD_USER_INPUT', 'images']);
    expect(code(await gw.gql(CREATE_PRODUCT, { input: { ...PRODUCT, type: 'BROKEN', imageUrls: ['https://img.example.com/a.jpg'] } }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE_PRODUCT, { input: { ...PRODUCT, imageUrls: ['javascript:alert(1)'] } }, me.token))).toBe('BAD_USER_INPUT');
    expect(await tables()).toEqual(before);

    const product = ok(await gw.gql(CREATE_PRODUCT, { input: { ...PRODUCT, imageUrls: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'] } }, me.token)).createProduct;
    expect(product).toEqual({ id: expect.any(Number), postId: expect.any(Number), sellerId: me.id, type: 'NEW' });
    await settle();
    expect(events).toContainEqual(expect.objectContaining({ name: 'product.created', entities: { product: [product.id], post: [product.postId], user: [me.id] } }));
    expect(events).toContainEqual(expect.objectContaining({ name: 'post.created', entities: { post: [product.postId], user: [me.id] } }));

    const view = ok(
      await gw.gql('query($id: ID!) { product(id: $id) { title seller { id: databaseId } images { url productId: productDatabaseId } post { id: databaseId authorId: authorDatabaseId } } }', {
        id: toGlobalId('Product', product.id),
      }),
    ).product;
    expect(view).toEqual({
      title: 'Desk lamp',
      seller: { id: me.id },
      images: [
        { url: 'https://img.example.com/a.jpg', productId: product.id },
        { url: 'https://img.example.com/b.jpg', productId: product.id },
      ],
      post: { id: product.postId, authorId: me.id },
    });
    expect(ok(await gw.gql(`{ product(id: "${toGlobalId('Product', 999999)}") { id: databaseId } }`)).product).toBeNull();
  });

  test('a products page with sellers, images and posts runs a constant number of statements', async () => {
    const category = 500;
    for (let i = 0; i < 5; i++) {
      const seller = await member();
      await gw.gql(CREATE_PRODUCT, { input: { ...PRODUCT, category, imageUrls: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'] } }, seller.token);
    }
    const query = 'query($f: ProductsFilter, $n: Int!) { products(filter: $f, first: $n) { nodes { id: databaseId seller { id: databaseId username } images { url } post { id: databaseId } } } }';
    const statements = async (limit: number) => {
      const start = gw.queries.length;
      const list = ok(await gw.gql(query, { f: { category }, n: limit })).products.nodes;
      expect(list).toHaveLength(limit);
      expect(list.every((p: any) => p.images.length === 2 && p.post !== null)).toBe(true);
      return ownStatements(start);
    };
    expect(await statements(5)).toBe(await statements(1));
  });
});

describe('stories', () => {
  const CREATE = 'mutation($input: CreateStoryInput!) { createStory(input: $input) { id: databaseId fileUrl fileType expiresAt createdAt user { id: databaseId } } }';

  test('createStory with a file URL, listed for followers, deleted by its owner only', async () => {
    const [me, follower] = [await member(), await member()];
    const before = await gw.count('stories');
    const noType = await gw.gql(CREATE, { input: { fileUrl: 'https://img.example.com/s.jpg' } }, me.token);
    expect([code(noType), field(noType)]).toEqual(['BAD_USER_INPUT', 'fileType']);
    expect(code(await gw.gql(CREATE, { input: {} }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE, { input: { fileUrl: 'https://img.example.com/s.jpg', fileType: 'gif' } }, me.token))).toBe('BAD_USER_INPUT');
    expect(await gw.count('stories')).toBe(before);

    const story = ok(await gw.gql(CREATE, { input: { fileUrl: 'https://img.example.com/s.mp4', fileType: 'video', title: 'Hello' } }, me.token)).createStory;
    expect(story).toMatchObject({ fileUrl: 'https://img.example.com/s.mp4', fileType: 'video', user: { id: me.id } });
    expect(Date.parse(story.expiresAt) - Date.parse(story.createdAt)).toBe(24 * 60 * 60 * 1000);
    await settle();
    expect(events).toContainEqual(expect.objectContaining({ name: 'story.created', entities: { story: [story.id], user: [me.id] } }));

    const list = '{ stories { nodes { id: databaseId user { id: databaseId } } } }';
    expect(ok(await gw.gql(list, {}, follower.token)).stories.nodes).toEqual([]);
    await gw.app.database.db.insertInto('follows').values({ follower_id: follower.id, following_id: me.id, status: 'accepted', created_at: new Date().toISOString() }).execute();
    expect(ok(await gw.gql(list, {}, follower.token)).stories.nodes).toEqual([{ id: story.id, user: { id: me.id } }]);
    expect(code(await gw.gql(list))).toBe('UNAUTHENTICATED');

    const del = 'mutation($id: ID!) { deleteStory(storyId: $id) }';
    const storyId = toGlobalId('Story', story.id);
    expect(code(await gw.gql(del, { id: storyId }, follower.token))).toBe('FORBIDDEN');
    expect(await gw.count('stories')).toBe(before + 1);
    expect(ok(await gw.gql(del, { id: storyId }, me.token)).deleteStory).toBe(storyId);
    expect(await gw.count('stories')).toBe(before);
    expect(code(await gw.gql(del, { id: storyId }, me.token))).toBe('NOT_FOUND');
  });
});

describe('articles, albums and movies', () => {
  test('createArticle, article and articles with their author', async () => {
    const me = await member();
    const create = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id: databaseId authorId: authorDatabaseId category } }';
    const before = await gw.count('articles');
    expect(code(await gw.gql(create, { input: { title: 'A', content: 'x' } }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(create, { input: { title: 'Ok title', content: 'x', thumbnail: 'not a url' } }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(create, { input: { title: 'Ok title', content: 'x' } }))).toBe('UNAUTHENTICATED');
    expect(await gw.count('articles')).toBe(before);
    const created = ok(await gw.gql(create, { input: { title: 'On bread', content: 'Flour, water, salt.', category: 4 } }, me.token)).createArticle;
    expect(created).toEqual({ id: expect.any(Number), authorId: me.id, category: 4 });
    expect(ok(await gw.gql('query($id: ID!) { article(id: $id) { title author { id: databaseId } } }', { id: toGlobalId('Article', created.id) })).article).toEqual({
      title: 'On bread',
      author: { id: me.id },
    });
    expect(ok(await gw.gql('query($a: ID) { articles(filter: { authorId: $a }) { nodes { id: databaseId } } }', { a: toGlobalId('User', me.id) })).articles.nodes).toEqual([{ id: created.id }]);
  });

  test('createAlbum with photo URLs; albums with owner and media', async () => {
    const me = await member();
    const create = 'mutation($input: CreateAlbumInput!) { createAlbum(input: $input) { id: databaseId name } }';
    const before = [await gw.count('albums'), await gw.count('album_media')];
    expect(code(await gw.gql(create, { input: { name: 'Empty' } }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(create, { input: { name: 'Bad', mediaUrls: ['https://ok.example.com/a.jpg', 'file:///etc/passwd'] } }, me.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(create, { input: { name: '', mediaUrls: ['https://ok.example.com/a.jpg'] } }, me.token))).toBe('BAD_USER_INPUT');
    expect([await gw.count('albums'), await gw.count('album_media')]).toEqual(before);
    const album = ok(await gw.gql(create, { input: { name: 'Trip', mediaUrls: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'] } }, me.token)).createAlbum;
    const list = ok(await gw.gql('query($u: ID!) { albums(userId: $u) { nodes { id: databaseId name owner { id: databaseId } media { url } } } }', { u: toGlobalId('User', me.id) })).albums.nodes;
    expect(list).toEqual([{ id: album.id, name: 'Trip', owner: { id: me.id }, media: [{ url: 'https://img.example.com/1.jpg' }, { url: 'https://img.example.com/2.jpg' }] }]);
  });

  test('createMovie is for admins only; movie and movies', async () => {
    const me = await member();
    const create = 'mutation($input: CreateMovieInput!) { createMovie(input: $input) { id: databaseId name genre } }';
    const input = { name: 'Night Train', genre: 'Thriller', country: 'Spain' };
    const before = await gw.count('movies');
    expect(code(await gw.gql(create, { input }, me.token))).toBe('FORBIDDEN');
    expect(code(await gw.gql(create, { input }))).toBe('UNAUTHENTICATED');
    expect(code(await gw.gql(create, { input: { ...input, source: 'rtmp://x' } }, adminToken))).toBe('BAD_USER_INPUT');
    expect(await gw.count('movies')).toBe(before);
    const movie = ok(await gw.gql(create, { input }, adminToken)).createMovie;
    expect(movie).toEqual({ id: expect.any(Number), name: 'Night Train', genre: 'Thriller' });
    expect(ok(await gw.gql('query($id: ID!) { movie(id: $id) { name country } }', { id: toGlobalId('Movie', movie.id) }, me.token)).movie).toEqual({ name: 'Night Train', country: 'Spain' });
    expect(ok(await gw.gql('{ movies(filter: { genre: "THRILLER" }) { nodes { id: databaseId } } }')).movies.nodes).toEqual([{ id: movie.id }]);
  });
});
