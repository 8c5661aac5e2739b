import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';
import { expectError, social, USER_KEYS } from '../support/social';

let gw: TestGateway;
let adminToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = ok(await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
});
afterAll(() => gw.close());

let serial = 0;
const member = () => gw.member(`ca${++serial}`);

const CREATE_ARTICLE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id: databaseId } }';
const CREATE_ALBUM = 'mutation($input: CreateAlbumInput!) { createAlbum(input: $input) { id: databaseId } }';
const CREATE_MOVIE = 'mutation($input: CreateMovieInput!) { createMovie(input: $input) { id: databaseId } }';

async function article(token: string, input: Record<string, unknown> = {}): Promise<number> {
  return ok(await gw.gql(CREATE_ARTICLE, { input: { title: 'Growing tomatoes', content: '<p>Water daily.</p>', description: 'A short guide', ...input } }, token)).createArticle.id;
}

async function movie(input: Record<string, unknown> = {}): Promise<number> {
  return ok(await gw.gql(CREATE_MOVIE, { input: { name: 'The Long Road', genre: 'Drama', country: 'France', releaseYear: 1999, duration: 121, ...input } }, adminToken)).createMovie.id;
}

const ids = (list: any[]) => list.map((item) => Number(item.id));

describe('POST /api/get-articles', () => {
  const KEYS = ['id', 'user', 'title', 'description', 'content', 'category', 'thumbnail', 'view', 'posted', 'author'];

  test('latest articles with their author; by user, category, offset and limit; inactive ones are not listed', async () => {
    const [ann, bob] = [await member(), await member()];
    const a1 = await article(ann.token, { category: 7, thumbnail: 'https://img.example.com/t.jpg' });
    const b1 = await article(bob.token, { category: 7 });
    const a2 = await article(ann.token, { category: 8 });
    const hidden = await article(ann.token, { category: 7 });
    await gw.app.database.db.updateTable('articles').set({ active: 0 }).where('id', '=', hidden).execute();

    const res = await social(gw, 'get-articles', { user_id: String(ann.id) }, bob.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'articles']);
    expect(ids(res.body.articles)).toEqual([a2, a1]);
    const first = res.body.articles[1];
    expect(Object.keys(first)).toEqual(KEYS);
    expect(first).toMatchObject({
      id: String(a1),
      user: String(ann.id),
      title: 'Growing tomatoes',
      description: 'A short guide',
      content: '<p>Water daily.</p>',
      category: '7',
      thumbnail: 'https://img.example.com/t.jpg',
      view: '0',
    });
    expect(Object.keys(first.author)).toEqual(USER_KEYS);
    expect(first.author.user_id).toBe(String(ann.id));

    const list = async (form: Record<string, string>) => ids((await social(gw, 'get-articles', form, ann.token)).body.articles);
    expect(await list({ category: '7' })).toEqual([b1, a1]);
    expect(await list({ category: '7', offset: String(b1) })).toEqual([a1]);
    expect(await list({ limit: '2' })).toEqual([a2, b1]);
    expect(await list({ article_id: String(b1) })).toEqual([b1]);
  });

  test('the default limit is 25', async () => {
    const me = await member();
    const now = new Date().toISOString();
    await gw.app.database.db
      .insertInto('articles')
      .values(Array.from({ length: 26 }, (_, i) => ({ user_id: me.id, title: `Note ${i}`, content: 'text', created_at: now, updated_at: now })))
      .execute();
    expect((await social(gw, 'get-articles', { user_id: String(me.id) }, me.token)).body.articles).toHaveLength(25);
  });

  test('an unknown article_id or bad params are errors', async () => {
    const me = await member();
    expectError(await social(gw, 'get-articles', { article_id: '999999' }, me.token), 4, /^Article not found$/);
    expectError(await social(gw, 'get-articles', { article_id: 'abc' }, me.token), 3, /^article_id must be an integer$/);
    expectError(await social(gw, 'get-articles', { offset: '-3' }, me.token), 3, /^offset must be a positive id$/);
    expectError(await social(gw, 'get-articles', { limit: '0' }, me.token), 3, /limit must be at least 1/);
  });
});

describe('POST /api/get-user-albums', () => {
  test("a user's albums with their photos, newest first; offset and limit page them", async () => {
    const [ann, bob] = [await member(), await member()];
    const first = ok(await gw.gql(CREATE_ALBUM, { input: { name: 'Holiday', mediaUrls: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'] } }, ann.token)).createAlbum.id;
    const second = ok(await gw.gql(CREATE_ALBUM, { input: { name: 'Garden', mediaUrls: ['https://img.example.com/3.jpg'] } }, ann.token)).createAlbum.id;
    await gw.gql(CREATE_ALBUM, { input: { name: "Bob's", mediaUrls: ['https://img.example.com/4.jpg'] } }, bob.token);

    const res = await social(gw, 'get-user-albums', { user_id: String(ann.id) }, bob.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'albums']);
    expect(ids(res.body.albums)).toEqual([second, first]);
    const album = res.body.albums[1];
    expect(Object.keys(album)).toEqual(['id', 'user_id', 'album_name', 'time', 'photo_count', 'photo_album', 'user_data']);
    expect(album).toMatchObject({ user_id: String(ann.id), album_name: 'Holiday', photo_count: '2' });
    expect(album.photo_album).toEqual([
      { id: expect.stringMatching(/^\d+$/), album_id: String(first), image: 'https://img.example.com/1.jpg' },
      { id: expect.stringMatching(/^\d+$/), album_id: String(first), image: 'https://img.example.com/2.jpg' },
    ]);
    expect(Object.keys(album.user_data)).toEqual(USER_KEYS);
    expect(ids((await social(gw, 'get-user-albums', { user_id: String(ann.id), offset: String(second) }, bob.token)).body.albums)).toEqual([first]);
    expect(ids((await social(gw, 'get-user-albums', { user_id: String(ann.id), limit: '1' }, bob.token)).body.albums)).toEqual([second]);
    expect((await social(gw, 'get-user-albums', { user_id: String((await member()).id) }, bob.token)).body).toEqual({ api_status: 200, albums: [] });
  });

  test('a missing or unknown user_id is an error', async () => {
    const me = await member();
    expectError(await social(gw, 'get-user-albums', {}, me.token), 3, /^user_id is required$/);
    expectError(await social(gw, 'get-user-albums', { user_id: '999999' }, me.token), 4, /^User not found$/);
  });
});

describe('POST /api/get-movies', () => {
  const KEYS = ['id', 'name', 'description', 'genre', 'country', 'stars', 'producer', 'release', 'duration', 'quality', 'cover', 'source', 'views', 'time'];

  test('latest movies; by genre and country in any case; one by id; offset and limit', async () => {
    const me = await member();
    const drama = await movie({ stars: 'A. Actor', cover: 'https://img.example.com/m.jpg', quality: 'hd' });
    const comedy = await movie({ name: 'Laughs', genre: 'Comedy', country: 'Italy', releaseYear: null, duration: null });
    const drama2 = await movie({ name: 'Rain', country: 'Italy' });

    const res = await social(gw, 'get-movies', { genre: 'drama' }, me.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'movies']);
    expect(ids(res.body.movies)).toEqual([drama2, drama]);
    expect(Object.keys(res.body.movies[1])).toEqual(KEYS);
    expect(res.body.movies[1]).toMatchObject({
      id: String(drama),
      name: 'The Long Road',
      genre: 'Drama',
      country: 'France',
      stars: 'A. Actor',
      producer: '',
      release: '1999',
      duration: '121',
      quality: 'hd',
      cover: 'https://img.example.com/m.jpg',
      views: '0',
    });

    const list = async (form: Record<string, string>) => ids((await social(gw, 'get-movies', form, me.token)).body.movies);
    expect(await list({ country: 'ITALY' })).toEqual([drama2, comedy]);
    expect(await list({ genre: 'Drama', country: 'italy' })).toEqual([drama2]);
    expect(await list({ offset: String(drama2) })).toEqual([comedy, drama]);
    expect(await list({ limit: '1' })).toEqual([drama2]);
    const one = await social(gw, 'get-movies', { id: String(comedy) }, me.token);
    expect(one.body.movies).toEqual([expect.objectContaining({ id: String(comedy), name: 'Laughs', release: '', duration: '0' })]);
  });

  test('an unknown id or bad params are errors', async () => {
    const me = await member();
    expectError(await social(gw, 'get-movies', { id: '999999' }, me.token), 4, /^Movie not found$/);
    expectError(await social(gw, 'get-movies', { offset: 'next' }, me.token), 3, /^offset must be an integer$/);
    expectError(await social(gw, 'get-movies', { limit: '-2' }, me.token), 3, /limit must be at least 1/);
  });
});
