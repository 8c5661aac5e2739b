import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
const admin = { authorization: `Basic ${Buffer.from(`cms:${ADMIN_API_KEY}`).toString('base64')}` };
let member: { id: number; msid: string; headers: Record<string, string> };

beforeAll(async () => {
  gw = await startTestGateway();
  const { token, id } = await gw.member('forumuser');
  const secret = (await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, token)).body.data.createApiKey.secret;
  const msid = (await gw.gql('{ viewer { msid } }', {}, token)).body.data.viewer.msid;
  member = { id, msid, headers: { authorization: `Basic ${Buffer.from(`app:${secret}`).toString('base64')}` } };
});
afterAll(() => gw.close());

function expectError(res: { status: number; body: any }, status: number, name: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ id: expect.any(String), status: name, time: expect.any(String), message: expect.any(String) });
}

const BOARD = { board_name: 'General', about: 'Talk', is_private: false, hidden_type: 0, permission_for: 10, needs_approval: false, icon: 'chat' };
const BOARD_KEYS = ['about', 'board_id', 'board_name', 'board_type', 'display_order', 'hidden_type', 'icon', 'is_private', 'needs_approval', 'permission_for', 'pinned_posts', 'post_count'];

async function newBoard(overrides: Record<string, unknown> = {}) {
  return (await gw.http('POST', '/api/v1/boards', { json: { ...BOARD, ...overrides }, headers: admin })).body;
}
async function newPost(boardId: number, headers: Record<string, string> = admin, authors = [member.msid]) {
  return gw.http('POST', '/api/v1/posts', { json: { board_id: boardId, headline: 'Upgradable concept', content: '<p>Delectus <i>aut</i> #Deserunt</p>', authors }, headers });
}

describe('boards', () => {
  test('create, edit, get and list with the documented keys and has_more', async () => {
    const board = await newBoard();
    expect(Object.keys(board).sort()).toEqual(BOARD_KEYS);
    expect(board).toMatchObject({ board_name: 'General', is_private: false, pinned_posts: [], post_count: 0 });
    const edited = await gw.http('PUT', `/api/v1/boards/${board.board_id}`, { json: { ...BOARD, board_name: 'Renamed', needs_approval: true }, headers: admin });
    expect(edited.body).toMatchObject({ board_name: 'Renamed', needs_approval: true });
    expect((await gw.http('GET', `/api/v1/boards/${board.board_id}`, { headers: member.headers })).body.board_name).toBe('Renamed');
    await newBoard({ board_name: 'Second' });
    const list = await gw.http('GET', '/api/v1/boards?page_size=1', { headers: member.headers });
    expect(list.body).toHaveLength(1);
    expect(list.headers.get('has_more')).toBe('1');
  });

  test("bad input and members' keys change nothing", async () => {
    const before = await gw.count('boards');
    expectError(await gw.http('POST', '/api/v1/boards', { json: { ...BOARD, hidden_type: 7 }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/boards', { json: { ...BOARD, permission_for: 3 }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/boards', { json: { ...BOARD, is_private: 'maybe' }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/boards', { json: { about: 'x' }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/boards', { json: BOARD, headers: member.headers }), 403, 'FORBIDDEN');
    expectError(await gw.http('GET', '/api/v1/boards/99999', { headers: admin }), 404, 'NOT_FOUND');
    expect(await gw.count('boards')).toBe(before);
  });

  test('reorder takes a map of id to order; members take msid to boolean', async () => {
    const a = await newBoard({ board_name: 'A' });
    const b = await newBoard({ board_name: 'B', is_private: true });
    expect((await gw.http('PATCH', '/api/v1/boards/reorder', { json: { display_order: { [a.board_id]: 2, [b.board_id]: 1 } }, headers: admin })).body).toEqual({ message: 'OK' });
    expect((await gw.http('GET', `/api/v1/boards/${b.board_id}`, { headers: admin })).status).toBe(200);
    expectError(await gw.http('GET', `/api/v1/boards/${b.board_id}`, { headers: member.headers }), 404, 'NOT_FOUND');
    expect((await gw.http('PUT', `/api/v1/boards/${b.board_id}/members`, { json: { member_changes: { [member.msid]: true } }, headers: admin })).body).toEqual({ message: 'OK' });
    expect((await gw.http('GET', `/api/v1/boards/${b.board_id}`, { headers: member.headers })).body.display_order).toBe(1);
    expectError(await gw.http('PATCH', '/api/v1/boards/reorder', { json: { display_order: { [a.board_id]: 5, 99999: 1 } }, headers: admin }), 404, 'NOT_FOUND');
    expect((await gw.http('GET', `/api/v1/boards/${a.board_id}`, { headers: admin })).body.display_order).toBe(2);
    expectError(await gw.http('PUT', `/api/v1/boards/${b.board_id}/members`, { json: { member_changes: { '1.nosuchsid': true } }, headers: admin }), 404, 'NOT_FOUND');
  });
});

describe('posts, comments, replies', () => {
  test('a post has the documented keys; a GET counts a view', async () => {
    const board = await newBoard();
    const res = await newPost(board.board_id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      board_id: board.board_id,
      headline: 'Upgradable concept',
      post_short_text: 'Delectus aut #Deserunt',
      clean_text: 'Delectus aut #Deserunt',
      post_status: 15,
      comment_count: 0,
      reply_count: 0,
      react_count: 0,
      view_count: 0,
      user: { user_id: member.id, username: 'forumuser', msid: member.msid },
    });
    expect(res.body).not.toHaveProperty('reactions');
    const read = await gw.http('GET', `/api/v1/posts/${res.body.post_id}`, { headers: admin });
    expect(read.body.view_count).toBe(1);
    const mapping = await gw.http('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${res.body.post_id}`, { headers: admin });
    expect(mapping.body).toEqual([{ tag_id: expect.any(Number), name: 'deserunt', display_name: 'deserunt', back_color: '#ffffff', text_color: '#330000' }]);
    expect(mapping.headers.get('has_more')).toBe('0');
  });

  test('rights are checked against the API user, not the named author', async () => {
    const adminsOnly = await newBoard({ board_name: 'Staff', permission_for: 1 });
    const before = await gw.count('posts');
    expectError(await newPost(adminsOnly.board_id, member.headers, [member.msid]), 403, 'FORBIDDEN');
    expect(await gw.count('posts')).toBe(before);
    const byAdmin = await newPost(adminsOnly.board_id, admin, [member.msid]);
    expect(byAdmin.body.user.msid).toBe(member.msid);
    const other = await gw.member('someoneelse');
    const otherMsid = (await gw.gql('{ viewer { msid } }', {}, other.token)).body.data.viewer.msid;
    const open = await newBoard();
    expectError(await newPost(open.board_id, member.headers, [otherMsid]), 403, 'FORBIDDEN');
  });

  test('PUT edits a post; a missing headline or a bad board is 400/404 and changes nothing', async () => {
    const board = await newBoard();
    const post = (await newPost(board.board_id)).body;
    const edited = await gw.http('PUT', `/api/v1/posts/${post.post_id}`, { json: { board_id: board.board_id, headline: 'New', content: 'Changed', authors: [member.msid] }, headers: member.headers });
    expect(edited.body).toMatchObject({ headline: 'New', content: 'Changed', last_edited_at: expect.any(String) });
    expectError(await gw.http('PUT', `/api/v1/posts/${post.post_id}`, { json: { board_id: board.board_id, content: 'x', authors: [member.msid] }, headers: member.headers }), 400, 'BAD_REQUEST');
    expectError(await gw.http('PUT', `/api/v1/posts/${post.post_id}`, { json: { board_id: 99999, headline: 'x', content: 'x', authors: [member.msid] }, headers: member.headers }), 404, 'NOT_FOUND');
    expect((await gw.http('GET', `/api/v1/posts/${post.post_id}`, { headers: admin })).body.headline).toBe('New');
  });

  test('comments and replies carry counts and the documented keys', async () => {
    const board = await newBoard();
    const post = (await newPost(board.board_id)).body;
    const comment = await gw.http('POST', '/api/v1/comments', { json: { post_id: post.post_id, content: 'Quia <b>eos</b>', author: member.msid }, headers: member.headers });
    expect(comment.body).toMatchObject({ post_id: post.post_id, content: 'Quia <b>eos</b>', clean_text: 'Quia eos', react_count: 0, reply_count: 0, comment_status: 15, state: 0 });
    const reply = await gw.http('POST', '/api/v1/replies', { json: { comment_id: comment.body.comment_id, content: 'Fugit', author: member.msid }, headers: member.headers });
    expect(reply.body).toMatchObject({ post_id: post.post_id, comment_id: comment.body.comment_id, reply_id: expect.any(Number), status: 15, state: 0 });
    expect((await gw.http('GET', `/api/v1/comments/${comment.body.comment_id}`, { headers: admin })).body.reply_count).toBe(1);
    expect((await gw.http('GET', `/api/v1/posts/${post.post_id}`, { headers: admin })).body).toMatchObject({ comment_count: 1, reply_count: 1 });
    const editedComment = await gw.http('PUT', `/api/v1/comments/${comment.body.comment_id}`, { json: { content: 'Edited' }, headers: member.headers });
    expect(editedComment.body).toMatchObject({ content: 'Edited', last_edited_at: expect.any(String) });
    const editedReply = await gw.http('PUT', `/api/v1/replies/${reply.body.reply_id}`, { json: { content: 'Edited too' }, headers: member.headers });
    expect(editedReply.body.content).toBe('Edited too');
    expect((await gw.http('GET', `/api/v1/replies/${reply.body.reply_id}`, { headers: admin })).body.content).toBe('Edited too');
  });

  test('bad comment and reply input writes nothing', async () => {
    const before = [await gw.count('comments'), await gw.count('replies')];
    expectError(await gw.http('POST', '/api/v1/comments', { json: { post_id: 99999, content: 'x', author: member.msid }, headers: member.headers }), 404, 'NOT_FOUND');
    expectError(await gw.http('POST', '/api/v1/comments', { json: { post_id: 1, author: member.msid }, headers: member.headers }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/replies', { json: { comment_id: 99999, content: 'x', author: member.msid }, headers: member.headers }), 404, 'NOT_FOUND');
    expectError(await gw.http('GET', '/api/v1/comments/99999', { headers: admin }), 404, 'NOT_FOUND');
    expectError(await gw.http('GET', '/api/v1/replies/99999', { headers: admin }), 404, 'NOT_FOUND');
    expect([await gw.count('comments'), await gw.count('replies')]).toEqual(before);
  });

  test('a post in a needs-approval board waits (status 4) and is hidden from other members', async () => {
    const board = await newBoard({ needs_approval: true });
    const post = (await newPost(board.board_id, member.headers)).body;
    expect(post.post_status).toBe(4);
    const other = await gw.member('otherreader');
    const secret = (await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, other.token)).body.data.createApiKey.secret;
    const headers = { authorization: `Basic ${Buffer.from(`app:${secret}`).toString('base64')}` };
    expectError(await gw.http('GET', `/api/v1/posts/${post.post_id}`, { headers }), 404, 'NOT_FOUND');
  });
});

describe('tags', () => {
  test('create, view, edit, list by ids and sorted, search, with has_more', async () => {
    const made = await gw.http('POST', '/api/v1/tags', { json: { name: 'Coordinator', description: 'Cheese', og_title: 'T' }, headers: admin });
    expect(made.body).toEqual({ tag_id: expect.any(Number), name: 'coordinator', display_name: 'Coordinator', description: 'Cheese', og_title: 'T', back_color: '#ffffff', text_color: '#330000' });
    const edited = await gw.http('PUT', `/api/v1/tags/${made.body.tag_id}`, { json: { name: 'Associate', text_color: '#1b95e0' }, headers: admin });
    expect(edited.body).toMatchObject({ name: 'associate', display_name: 'Associate', text_color: '#1b95e0' });
    expect((await gw.http('GET', `/api/v1/tags/${made.body.tag_id}`, { headers: member.headers })).body.name).toBe('associate');
    await gw.http('POST', '/api/v1/tags', { json: { name: 'Architect' }, headers: admin });
    const sorted = await gw.http('GET', '/api/v1/tags?sort_by=name&order=asc&page_size=50', { headers: member.headers });
    const names = sorted.body.map((t: { name: string }) => t.name);
    expect(names).toEqual([...names].sort());
    expect(Object.keys(sorted.body[0]).sort()).toEqual(['back_color', 'display_name', 'name', 'tag_id', 'text_color']);
    const byIds = await gw.http('GET', `/api/v1/tags?ids=${made.body.tag_id}`, { headers: member.headers });
    expect(byIds.body.map((t: { tag_id: number }) => t.tag_id)).toEqual([made.body.tag_id]);
    const paged = await gw.http('GET', '/api/v1/tags?page_size=1', { headers: member.headers });
    expect(paged.headers.get('has_more')).toBe('1');
    expect((await gw.http('GET', '/api/v1/tags/search?q=archi', { headers: member.headers })).body.map((t: { name: string }) => t.name)).toEqual(['architect']);
    const searchPage = await gw.http('GET', '/api/v1/tags/search?q=a&page_size=1', { headers: member.headers });
    expect(searchPage.body).toHaveLength(1);
    expect(searchPage.headers.get('has_more')).toBe('1');
  });

  test('a duplicate name, a bad colour, a member key, or a bad query changes nothing', async () => {
    const before = await gw.count('tags');
    expectError(await gw.http('POST', '/api/v1/tags', { json: { name: 'ARCHITECT' }, headers: admin }), 409, 'CONFLICT');
    expectError(await gw.http('POST', '/api/v1/tags', { json: { name: 'Colorful', back_color: 'white' }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/tags', { json: { name: 'Mine' }, headers: member.headers }), 403, 'FORBIDDEN');
    expectError(await gw.http('GET', '/api/v1/tags?ids=1,x', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/tags/mapping?ref_type=BOARD&ref_id=1', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/tags/search', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/tags/99999', { headers: admin }), 404, 'NOT_FOUND');
    expect(await gw.count('tags')).toBe(before);
  });
});

test('a wrong method is 405 and an unknown path 404, both in the community envelope', async () => {
  const wrong = await gw.http('DELETE', '/api/v1/boards/1', { headers: admin });
  expectError(wrong, 405, 'METHOD_NOT_ALLOWED');
  expect(wrong.headers.get('allow')).toBe('PUT, GET');
  expectError(await gw.http('GET', '/api/v1/nothing-here', { headers: admin }), 404, 'NOT_FOUND');
  const chat = await gw.http('GET', '/api/login');
  expect(chat.status).toBe(405);
  expect(chat.body).toEqual({ status: 'error', message: 'Use POST for this endpoint' });
});
