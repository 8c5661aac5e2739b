import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

type Reader = { token?: string; basic?: Record<string, string> };

async function data(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await gw.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

async function reader(username: string): Promise<Reader & { msid: string }> {
  const { token } = await gw.member(username);
  const secret = (await data('mutation { createApiKey(name: "k") { secret } }', {}, token)).createApiKey.secret;
  const msid = (await data('{ viewer { msid } }', {}, token)).viewer.msid;
  return { token, msid, basic: { authorization: `Basic ${Buffer.from(`app:${secret}`).toString('base64')}` } };
}

const names = (tags: { name: string }[]) => tags.map((tag) => tag.name).sort();
const CREATE_POST = 'mutation($i: CreatePostInput!) { createPost(input: $i) { id: databaseId } }';

test('hashtags of posts in a private board, their comments and replies show only to those who may read the post', async () => {
  const admin = (await data(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
  const insider = await reader('tagsinsider');
  const outsider = await reader('tagsoutsider');
  const secret = (await data('mutation { createBoard(input: { name: "Inner circle", isPrivate: true }) { id: databaseId } }', {}, admin)).createBoard.id;
  const open = (await data('mutation { createBoard(input: { name: "Town square" }) { id: databaseId } }', {}, admin)).createBoard.id;
  await data(`mutation { setBoardMembers(boardId: ${secret}, changes: [{ msid: "${insider.msid}", member: true }]) }`, {}, admin);

  const hidden = (await data(CREATE_POST, { i: { boardId: secret, headline: 'Plan', content: 'The #mergerplan and #launchday' } }, insider.token)).createPost.id;
  const comment = (await data(`mutation { createComment(input: { postId: ${hidden}, content: "About #mergernote" }) { id: databaseId } }`, {}, insider.token)).createComment.id;
  await data(`mutation { createReply(input: { commentId: ${comment}, content: "And #mergerreply" }) { id: databaseId } }`, {}, insider.token);
  const shown = (await data(CREATE_POST, { i: { boardId: open, headline: 'Hello', content: 'Public #launchday news' } }, outsider.token)).createPost.id;
  await data(CREATE_POST, { i: { content: 'A timeline #launchday post' } }, outsider.token);

  const TAGS_OF = 'query($t: RefType!, $id: Int!) { tagsOf(refType: $t, refId: $id) { items { name } } }';
  const SEARCH = '{ searchTags(q: "merger", pageSize: 50) { items { name } } }';
  const TRENDING = '{ trendingTags(limit: 50) { name } }';
  const LIST = '{ tags(pageSize: 100) { items { name } } }';
  const secretTags = ['mergernote', 'mergerplan', 'mergerreply'];

  // The insider reads the post: every door shows its tags.
  expect(names((await data(TAGS_OF, { t: 'POST', id: hidden }, insider.token)).tagsOf.items)).toEqual(['launchday', 'mergerplan']);
  expect(names((await data(TAGS_OF, { t: 'COMMENT', id: comment }, insider.token)).tagsOf.items)).toEqual(['mergernote']);
  expect(names((await data(SEARCH, {}, insider.token)).searchTags.items)).toEqual(secretTags);
  expect(names((await data(TRENDING, {}, insider.token)).trendingTags)).toEqual(expect.arrayContaining([...secretTags, 'launchday']));
  const insiderMapping = await gw.http('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${hidden}`, { headers: insider.basic });
  expect(names(insiderMapping.body)).toEqual(['launchday', 'mergerplan']);

  // The outsider and an anonymous caller do not; tags also used outside the board still show.
  for (const token of [outsider.token, undefined]) {
    expect((await data(TAGS_OF, { t: 'POST', id: hidden }, token)).tagsOf.items).toEqual([]);
    expect((await data(TAGS_OF, { t: 'COMMENT', id: comment }, token)).tagsOf.items).toEqual([]);
    expect((await data(SEARCH, {}, token)).searchTags.items).toEqual([]);
    const trending = names((await data(TRENDING, {}, token)).trendingTags);
    expect(trending).toContain('launchday');
    expect(trending).not.toEqual(expect.arrayContaining(['mergerplan']));
    expect(names((await data(LIST, {}, token)).tags.items).filter((name) => name.startsWith('merger'))).toEqual([]);
    expect(names((await data(TAGS_OF, { t: 'POST', id: shown }, token)).tagsOf.items)).toEqual(['launchday']);
  }
  const tagId = (await data('{ searchTags(q: "mergerplan") { items { id: databaseId } } }', {}, insider.token)).searchTags.items[0].id;
  expect((await data(`{ tag(id: ${tagId}) { name } }`, {}, outsider.token)).tag).toBeNull();

  const mapping = await gw.http('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${hidden}`, { headers: outsider.basic });
  expect(mapping.status).toBe(200);
  expect(mapping.body).toEqual([]);
  const search = await gw.http('GET', '/api/v1/tags/search?q=merger', { headers: outsider.basic });
  expect(search.body).toEqual([]);
  expect((await gw.http('GET', `/api/v1/tags/${tagId}`, { headers: outsider.basic })).status).toBe(404);
});
