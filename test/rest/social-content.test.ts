import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { expectError, social } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function post(token: string, content = 'Hello <world> #gateway'): Promise<number> {
  return (await gw.gql('mutation($c: String!) { createPost(input: { content: $c }) { id: databaseId } }', { c: content }, token)).body.data.createPost.id;
}

describe('post-actions', () => {
  test('like, wonder and dislike toggle; a second call takes the reaction back', async () => {
    const me = await gw.member('liker');
    const id = await post(me.token);
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'like' }, me.token)).body).toEqual({ api_status: 200, action: 'liked' });
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'like' }, me.token)).body).toEqual({ api_status: 200, action: 'unliked' });
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'wonder' }, me.token)).body.action).toBe('wondered');
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'dislike' }, me.token)).body.action).toBe('undisliked');
    const counts = await gw.gql(`{ post(id: "${toGlobalId('Post', Number(id))}") { reactCount reactions { s1 s2 } } }`);
    expect(counts.body.data.post).toEqual({ reactCount: 0, reactions: { s1: 0, s2: 0 } });
  });

  test('comment (and the document\'s "commet") answers comment_data; edit and delete', async () => {
    const me = await gw.member('commenter');
    const id = await post(me.token);
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'comment', text: 'first' }, me.token)).body).toEqual({
      api_status: 200,
      action: 'commented',
      comment_data: { text: 'first', post_comments_count: '1' },
    });
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'commet', text: 'second' }, me.token)).body.comment_data.post_comments_count).toBe('2');
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'edit', text: 'changed' }, me.token)).body).toEqual({ api_status: 200, action: 'edited' });
    expect((await gw.gql(`{ post(id: "${toGlobalId('Post', Number(id))}") { content } }`)).body.data.post.content).toBe('changed');
    expect((await social(gw, 'post-actions', { post_id: String(id), action: 'delete' }, me.token)).body).toEqual({ api_status: 200, action: 'deleted' });
    expect((await gw.gql(`{ post(id: "${toGlobalId('Post', Number(id))}") { id: databaseId } }`)).body.data.post).toBeNull();
  });

  test("bad actions, missing text, someone else's post or an unknown post change nothing", async () => {
    const me = await gw.member('careful');
    const other = await gw.member('othercareful');
    const id = await post(other.token, 'theirs');
    const before = [await gw.count('comments'), await gw.count('reactions')];
    expectError(await social(gw, 'post-actions', { post_id: String(id), action: 'share' }, me.token), 3, String);
    expectError(await social(gw, 'post-actions', { post_id: String(id), action: 'comment' }, me.token), 3, String);
    expectError(await social(gw, 'post-actions', { post_id: String(id), action: 'edit', text: 'mine now' }, me.token), 5, String);
    expectError(await social(gw, 'post-actions', { post_id: '999999', action: 'like' }, me.token), 4, String);
    expect([await gw.count('comments'), await gw.count('reactions')]).toEqual(before);
    expect((await gw.gql(`{ post(id: "${toGlobalId('Post', Number(id))}") { content } }`)).body.data.post.content).toBe('theirs');
  });
});

describe('get-post-data', () => {
  test('returns exactly the fetched keys', async () => {
    const me = await gw.member('reader');
    const fan = await gw.member('fan');
    const id = await post(me.token);
    await social(gw, 'post-actions', { post_id: String(id), action: 'like' }, fan.token);
    await social(gw, 'post-actions', { post_id: String(id), action: 'comment', text: 'wow' }, fan.token);
    const all = await social(gw, 'get-post-data', { post_id: String(id), fetch: 'post_data,post_comments,post_liked_users,post_wondered_users' }, me.token);
    expect(Object.keys(all.body).sort()).toEqual(['api_status', 'post_comments', 'post_data', 'post_liked_users', 'post_wondered_users']);
    expect(all.body.post_data).toMatchObject({ post_id: String(id), user_id: String(me.id), postText: 'Hello <world> #gateway', post_likes: '1', post_comments: '1' });
    expect(all.body.post_comments).toEqual([expect.objectContaining({ text: 'wow', user_id: String(fan.id) })]);
    expect(all.body.post_liked_users.map((u: { username: string }) => u.username)).toEqual(['fan']);
    expect(all.body.post_wondered_users).toEqual([]);
    const one = await social(gw, 'get-post-data', { post_id: String(id), fetch: 'post_liked_users' }, me.token);
    expect(Object.keys(one.body)).toEqual(['api_status', 'post_liked_users']);
  });

  test('no valid fetch key, a bad id or an unknown post is an error', async () => {
    const me = await gw.member('asker');
    expectError(await social(gw, 'get-post-data', { post_id: '1', fetch: 'everything' }, me.token), 3, String);
    expectError(await social(gw, 'get-post-data', { post_id: 'one', fetch: 'post_data' }, me.token), 3, String);
    expectError(await social(gw, 'get-post-data', { post_id: '999999', fetch: 'post_data' }, me.token), 4, String);
  });
});

describe('set-browser-cookie and get_news_feed', () => {
  test("the cookie opens an HTML feed with escaped text; a user_id filter shows that user's posts", async () => {
    const me = await gw.member('browser');
    const other = await gw.member('stranger');
    await post(me.token, '&lt;script&gt;alert(1)&lt;/script&gt; mine');
    await post(other.token, 'not followed');
    const res = await fetch(`${gw.url}/api/set-browser-cookie?access_token=${me.token}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/get_news_feed');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    const session = cookie.split(';')[0];
    const feed = await fetch(`${gw.url}/get_news_feed`, { headers: { cookie: session } });
    const page = await feed.text();
    expect(feed.headers.get('content-type')).toMatch(/text\/html/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; mine');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('not followed');
    const theirs = await (await fetch(`${gw.url}/get_news_feed?user_id=${other.id}`, { headers: { cookie: session } })).text();
    expect(theirs).toContain('not followed');
  });

  test('without a cookie, or with a bad token, the page and the cookie endpoint refuse', async () => {
    const page = await fetch(`${gw.url}/get_news_feed`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Not logged in');
    const bad = await fetch(`${gw.url}/api/set-browser-cookie?access_token=nope`, { redirect: 'manual' });
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(await bad.json()).toMatchObject({ api_status: '400', errors: { error_id: 2 } });
  });
});

test('a post created over /api/v1/posts and liked through /api/post-actions shows react_count 1 and s1 1 everywhere', async () => {
  const basic = { authorization: `Basic ${Buffer.from(`cms:${ADMIN_API_KEY}`).toString('base64')}` };
  const board = (await gw.http('POST', '/api/v1/boards', { json: { board_name: 'Shared', is_private: false, hidden_type: 0, permission_for: 10, needs_approval: false }, headers: basic })).body;
  const adminMsid = (await gw.http('GET', '/api/v1/users/me', { headers: basic })).body.msid;
  const created = (await gw.http('POST', '/api/v1/posts', { json: { board_id: board.board_id, headline: 'Cross', content: 'one model', authors: [adminMsid] }, headers: basic })).body;
  const fan = await gw.member('crossfan');
  expect((await social(gw, 'post-actions', { post_id: String(created.post_id), action: 'like' }, fan.token)).body.action).toBe('liked');
  const community = (await gw.http('GET', `/api/v1/posts/${created.post_id}`, { headers: basic })).body;
  expect(community).toMatchObject({ react_count: 1, reactions: { s1: 1 } });
  const data = await social(gw, 'get-post-data', { post_id: String(created.post_id), fetch: 'post_data' }, fan.token);
  expect(data.body.post_data.post_likes).toBe('1');
  const graphql = await gw.gql(`{ post(id: "${toGlobalId('Post', Number(created.post_id))}") { reactCount reactions { s1 } } }`, {}, fan.token);
  expect(graphql.body.data.post).toEqual({ reactCount: 1, reactions: { s1: 1 } });
});
