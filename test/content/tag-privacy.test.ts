import { toGlobalId } from '../../src/graphql/node';
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
  await data(`mutation { setBoardMembers(input: { boardId: "${toGlobalId('Board', secret)}", changes: [{ msid: "${insider.msid}", member: true }] }) }`, {}, admin);

  const hidden = (await data(CREATE_POST, { i: { boardId: toGlobalId('Board', secret), headline: 'Plan', content: 'The #mergerplan and #launchday' } }, insider.token)).createPost.id;
  const comment = (await data(`mutation { createComment(input: { postId: "${toGlobalId('Post', hidden)}", content: "About #mergernote" }) { id: databaseId } }`, {}, insider.token)).createComment.id;
  await data(`mutation { createReply(input: { commentId: "${toGlobalId('Comment', comment)}", content: "And #mergerreply" }) { id: databaseId } }`, {}, insider.token);
  const shown = (await data(CREATE_POST, { i: { boardId: toGlobalId('Board', open), headline: 'Hello', content: 'Public #launchday news' } }, outsider.token)).createPost.id;
  await data(CREATE_POST, { i: { content: 'A timeline #launchday post' } }, outsider.token);

  const TAGS_OF = 'query($id: ID!) { tagsOf(id: $id) { nodes { name } } }';
  const SEARCH = '{ searchTags(q: "merger", first: 50) { nodes { name } } }';
  const TRENDING = '{ trendingTags(first: 50) { name } }';
  const LIST = '{ tags(first: 100) { nodes { name } } }';
  const secretTags = ['mergernote', 'mergerplan', 'mergerreply'];

  // The insider reads the post: every door shows its tags.
  expect(names((await data(TAGS_OF, { id: toGlobalId('Post', hidden) }, insider.token)).tagsOf.nodes)).toEqual(['launchday', 'mergerplan']);
  expect(names((await data(TAGS_OF, { id: toGlobalId('Comment', comment) }, insider.token)).tagsOf.nodes)).toEqual(['mergernote']);
  expect(names((await data(SEARCH, {}, insider.token)).searchTags.nodes)).toEqual(secretTags);
  expect(names((await data(TRENDING, {}, insider.token)).trendingTags)).toEqual(expect.arrayContaining([...secretTags, 'launchday']));
  const insiderMapping = await gw.http('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${hidden}`, { headers: insider.basic });
  expect(names(insiderMapping.body)).toEqual(['launchday', 'mergerplan']);

  // The outsider and an anonymous caller do not; tags also used outside the board still show.
  for (const token of [outsider.token, undefined]) {
    expect((await data(TAGS_OF, { id: toGlobalId('Post', hidden) }, token)).tagsOf.nodes).toEqual([]);
    expect((await data(TAGS_OF, { id: toGlobalId('Comment', comment) }, token)).tagsOf.nodes).toEqual([]);
    expect((await data(SEARCH, {}, token)).searchTags.nodes).toEqual([]);
    const trending = names((await data(TRENDING, {}, token)).trendingTags);
    expect(trending).toContain('launchday');
    expect(trending).not.toEqual(expect.arrayContaining(['mergerplan']));
    expect(names((await data(LIST, {}, token)).tags.nodes).filter((name) => name.startsWith('merger'))).toEqual([]);
    expect(names((await data(TAGS_OF, { id: toGlobalId('Post', shown) }, token)).tagsOf.nodes)).toEqual(['launchday']);
  }
  const tagId = (await data('{ searchTags(q: "mergerplan") { nodes { id: databaseId } } }', {}, insider.token)).searchTags.nodes[0].id;
  expect((await data(`{ tag(id: "${toGlobalId('Tag', tagId)}") { name } }`, {}, outsider.token)).tag).toBeNull();

  const mapping = await gw.http('GET', `/api/v1/tags/mapping?ref_type=POST&ref_id=${hidden}`, { headers: outsider.basic });
  expect(mapping.status).toBe(200);
  expect(mapping.body).toEqual([]);
  const search = await gw.http('GET', '/api/v1/tags/search?q=merger', { headers: outsider.basic });
  expect(search.body).toEqual([]);
  expect((await gw.http('GET', `/api/v1/tags/${tagId}`, { headers: outsider.basic })).status).toBe(404);
});
