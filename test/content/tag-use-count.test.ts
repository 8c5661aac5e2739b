import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function data(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await gw.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const CREATE_POST = 'mutation($i: CreatePostInput!) { createPost(input: $i) { id: databaseId } }';

describe("a tag's use count tells how much a private board uses it", () => {
  test('useCount (GraphQL tag, tags, searchTags, trendingTags, Post.tags) and social trend_use_num count only uses the reader may read', async () => {
    const admin = (await data(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).login.token;
    const insider = await gw.member('countinsider');
    const outsider = await gw.member('countoutsider');
    const msid = (await data('{ viewer { msid } }', {}, insider.token)).viewer.msid;
    const secret = (await data('mutation { createBoard(input: { name: "Deal room", isPrivate: true }) { id: databaseId } }', {}, admin)).createBoard.id;
    await data(`mutation { setBoardMembers(input: { boardId: "${toGlobalId('Board', secret)}", changes: [{ msid: "${msid}", member: true }] }) }`, {}, admin);
    const shown = (await data(CREATE_POST, { i: { content: 'Public word on #takeovertalk' } }, outsider.token)).createPost.id;
    for (let i = 0; i < 4; i++) await data(CREATE_POST, { i: { boardId: toGlobalId('Board', secret), headline: `Step ${i}`, content: `Step ${i} of #takeovertalk` } }, insider.token);

    const id = (await data('{ searchTags(q: "takeovertalk") { nodes { id: databaseId } } }', {}, insider.token)).searchTags.nodes[0].id;
    const counts = async (token?: string) => {
      const read = await data(
        `query($ids: [ID!]) { tag(id: "${toGlobalId('Tag', id)}") { useCount } tags(filter: { ids: $ids }) { nodes { useCount } } searchTags(q: "takeovertalk") { nodes { useCount } } trendingTags(first: 50) { id: databaseId useCount } }`,
        { ids: [toGlobalId('Tag', id)] },
        token,
      );
      return [read.tag.useCount, read.tags.nodes[0].useCount, read.searchTags.nodes[0].useCount, read.trendingTags.find((t: any) => t.id === id).useCount];
    };
    expect(await counts(insider.token)).toEqual([5, 5, 5, 5]);
    expect(await counts(outsider.token)).toEqual([1, 1, 1, 1]);
    expect(await counts(undefined)).toEqual([1, 1, 1, 1]);
    const general = await social(gw, 'get-general-data', { fetch: 'trending_hashtag' }, outsider.token);
    // Also where a readable post lists its tags.
    const onPost = await data(`{ post(id: "${toGlobalId('Post', shown)}") { tags { useCount } } }`, {}, outsider.token);
    expect(onPost.post.tags).toEqual([{ useCount: 1 }]);
    expect(general.body.trending_hashtag.find((t: any) => t.hash === 'takeovertalk').trend_use_num).toBe('1');
  });
});
