import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';

/*
 * The content, board and tag part of the GraphQL contract: node(id:)/nodes(ids:) for Post, Comment,
 * Reply, Board and Tag (null where the viewer may not read them), connections paged both ways while
 * rows are added, enums on the wire, and global ids checked.
 */

let gw: TestGateway;
let admin: string;
beforeAll(async () => {
  gw = await startTestGateway();
  admin = (await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).body.data.login.token;
});
afterAll(() => gw.close());

async function data(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await gw.gql(query, variables, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data;
}

const CREATE_POST = 'mutation($i: CreatePostInput!) { createPost(input: $i) { id databaseId status state } }';

describe('node and nodes', () => {
  let insider: { token: string };
  let outsider: { token: string };
  const ids: Record<string, { shown: string; hidden: string }> = {};

  beforeAll(async () => {
    insider = await gw.member('nodeinsider');
    outsider = await gw.member('nodeoutsider');
    const msid = (await data('{ viewer { msid } }', {}, insider.token)).viewer.msid;
    const secret = (await data('mutation { createBoard(input: { name: "Vault", isPrivate: true }) { id } }', {}, admin)).createBoard.id;
    const open = (await data('mutation { createBoard(input: { name: "Lobby" }) { id } }', {}, admin)).createBoard.id;
    await data('mutation($i: SetBoardMembersInput!) { setBoardMembers(input: $i) }', { i: { boardId: secret, changes: [{ msid, member: true }] } }, admin);
    const post = async (boardId: string, content: string) => (await data(CREATE_POST, { i: { boardId, headline: 'h', content } }, insider.token)).createPost.id;
    const comment = async (postId: string) => (await data('mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }', { i: { postId, content: 'c' } }, insider.token)).createComment.id;
    const reply = async (commentId: string) => (await data('mutation($i: CreateReplyInput!) { createReply(input: $i) { id } }', { i: { commentId, content: 'r' } }, insider.token)).createReply.id;
    const shownPost = await post(open, 'open #nodeopen');
    const hiddenPost = await post(secret, 'vault #nodevault');
    const shownComment = await comment(shownPost);
    const hiddenComment = await comment(hiddenPost);
    ids.Post = { shown: shownPost, hidden: hiddenPost };
    ids.Comment = { shown: shownComment, hidden: hiddenComment };
    ids.Reply = { shown: await reply(shownComment), hidden: await reply(hiddenComment) };
    ids.Board = { shown: open, hidden: secret };
    const tag = async (name: string) => (await data('query($q: String!) { searchTags(q: $q) { nodes { id } } }', { q: name }, insider.token)).searchTags.nodes[0].id;
    ids.Tag = { shown: await tag('nodeopen'), hidden: await tag('nodevault') };
  });

  test.each(['Post', 'Comment', 'Reply', 'Board', 'Tag'])('%s: node answers what the viewer may read, null for what they may not', async (type) => {
    const query = 'query($a: ID!, $b: ID!) { a: node(id: $a) { __typename id } b: node(id: $b) { __typename id } }';
    const variables = { a: ids[type].shown, b: ids[type].hidden };
    expect(await data(query, variables, insider.token)).toEqual({ a: { __typename: type, id: ids[type].shown }, b: { __typename: type, id: ids[type].hidden } });
    expect(await data(query, variables, outsider.token)).toEqual({ a: { __typename: type, id: ids[type].shown }, b: null });
  });

  test('comments and replies are Remarks: one fragment reads both', async () => {
    const read = await data(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Remark { __typename content status state author { username } post { id } } } }',
      { ids: [ids.Comment.shown, ids.Reply.shown] },
      outsider.token,
    );
    expect(read.nodes).toEqual([
      { __typename: 'Comment', content: 'c', status: 'ACTIVE', state: 'DEFAULT', author: { username: 'nodeinsider' }, post: { id: ids.Post.shown } },
      { __typename: 'Reply', content: 'r', status: 'ACTIVE', state: 'DEFAULT', author: { username: 'nodeinsider' }, post: { id: ids.Post.shown } },
    ]);
  });

  test('nodes costs the same statements for one of each type as for all of them', async () => {
    const all = Object.values(ids).flatMap((pair) => [pair.shown, pair.hidden]);
    const one = Object.values(ids).map((pair) => pair.shown);
    const statements = async (list: string[]) => {
      let fewest = Infinity;
      for (let run = 0; run < 2; run++) {
        const before = gw.queries.length;
        await data('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: list }, insider.token);
        fewest = Math.min(fewest, gw.queries.length - before);
      }
      return fewest;
    };
    expect(await statements(all)).toBe(await statements(one));
  });
});

describe('connections', () => {
  test('posts page forward and backward by cursor without overlap while posts are added', async () => {
    const writer = await gw.member('pagewriter');
    const author = (await data('{ viewer { id } }', {}, writer.token)).viewer.id;
    const write = async (n: number) => (await data(CREATE_POST, { i: { content: `p${n}` } }, writer.token)).createPost.databaseId;
    for (let i = 0; i < 5; i++) await write(i);
    const PAGE =
      'query($f: PostsFilter, $first: Int, $after: String, $last: Int, $before: String) { posts(filter: $f, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const f = { authorId: author };
    const first = (await data(PAGE, { f, first: 2 }, writer.token)).posts;
    await write(5); // newer than every post paged so far: it must not shift the next page
    const second = (await data(PAGE, { f, first: 2, after: first.pageInfo.endCursor }, writer.token)).posts;
    const third = (await data(PAGE, { f, first: 2, after: second.pageInfo.endCursor }, writer.token)).posts;
    const seen = [first, second, third].flatMap((page) => page.edges.map((edge: any) => edge.node.databaseId));
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first
    expect(third.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await data(PAGE, { f, last: 2, before: third.pageInfo.startCursor }, writer.token)).posts;
    expect(back.edges.map((edge: any) => edge.node.databaseId)).toEqual(second.edges.map((edge: any) => edge.node.databaseId));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
    const feed = (await data('{ feed(first: 3) { nodes { databaseId } pageInfo { hasNextPage } } }', {}, writer.token)).feed;
    expect(feed.nodes).toHaveLength(3);
    expect(feed.pageInfo.hasNextPage).toBe(true);
  });

  test("a post's comments and a comment's replies page by cursor", async () => {
    const m = await gw.member('threadwriter');
    const postId = (await data(CREATE_POST, { i: { content: 'thread' } }, m.token)).createPost.id;
    const commentIds: string[] = [];
    for (let i = 0; i < 3; i++) commentIds.push((await data('mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }', { i: { postId, content: `c${i}` } }, m.token)).createComment.id);
    for (let i = 0; i < 3; i++) await data('mutation($i: CreateReplyInput!) { createReply(input: $i) { id } }', { i: { commentId: commentIds[0], content: `r${i}` } }, m.token);
    const THREAD =
      'query($id: ID!, $after: String) { post(id: $id) { comments(first: 2, after: $after) { nodes { content replies(first: 2) { nodes { content } pageInfo { hasNextPage endCursor } } } pageInfo { hasNextPage endCursor } } } }';
    const page1 = (await data(THREAD, { id: postId }, m.token)).post.comments;
    expect(page1.nodes.map((c: any) => c.content)).toEqual(['c0', 'c1']);
    expect(page1.nodes[0].replies).toMatchObject({ nodes: [{ content: 'r0' }, { content: 'r1' }], pageInfo: { hasNextPage: true } });
    const page2 = (await data(THREAD, { id: postId, after: page1.pageInfo.endCursor }, m.token)).post.comments;
    expect(page2).toMatchObject({ nodes: [{ content: 'c2' }], pageInfo: { hasNextPage: false } });
    const replies = await data(
      'query($id: ID!, $after: String) { node(id: $id) { ... on Comment { replies(after: $after) { nodes { content } } } } }',
      { id: commentIds[0], after: page1.nodes[0].replies.pageInfo.endCursor },
      m.token,
    );
    expect(replies.node.replies.nodes).toEqual([{ content: 'r2' }]);
  });

  test('boards and tags page by cursor; tags sort by name both ways', async () => {
    for (const name of ['Zeta board', 'Eta board']) await data('mutation($n: String!) { createBoard(input: { name: $n }) { id } }', { n: name }, admin);
    const boards = (await data('{ boards(first: 1) { totalCount nodes { databaseId } pageInfo { endCursor } } }', {}, admin)).boards;
    const rest = (await data('query($a: String) { boards(first: 100, after: $a) { nodes { databaseId } } }', { a: boards.pageInfo.endCursor }, admin)).boards;
    expect(rest.nodes).toHaveLength(boards.totalCount - 1);
    expect(rest.nodes.map((b: any) => b.databaseId)).not.toContain(boards.nodes[0].databaseId);
    for (const name of ['pagetagc', 'pagetaga', 'pagetagb']) await data('mutation($n: String!) { createTag(input: { name: $n }) { id } }', { n: name }, admin);
    const TAGS = 'query($o: TagOrder!, $a: String) { searchTags(q: "pagetag", first: 100) { nodes { name } } tags(orderBy: $o, first: 2, after: $a) { nodes { name } pageInfo { endCursor } } }';
    const all = (await data(TAGS, { o: 'NAME_ASC' })).searchTags.nodes.map((t: any) => t.name);
    expect(all).toEqual(['pagetaga', 'pagetagb', 'pagetagc']);
    const byName = (await data(TAGS, { o: 'NAME_DESC' })).tags;
    const next = (await data(TAGS, { o: 'NAME_DESC', a: byName.pageInfo.endCursor })).tags;
    const names = [...byName.nodes, ...next.nodes].map((t: any) => t.name);
    expect(names).toEqual([...names].sort().reverse());
    expect(new Set(names).size).toBe(4);
  });
});

describe('enums and ids', () => {
  test('status and state are enums on the wire; a status filter takes the enum', async () => {
    const gated = (await data('mutation { createBoard(input: { name: "Gate", needsApproval: true }) { id } }', {}, admin)).createBoard.id;
    const m = await gw.member('enumwriter');
    const post = (await data(CREATE_POST, { i: { boardId: gated, headline: 'wait', content: 'w' } }, m.token)).createPost;
    expect(post).toMatchObject({ status: 'APPROVAL_REQUIRED', state: 'DEFAULT' });
    const waiting = await data('query($b: ID!) { posts(filter: { boardId: $b, status: APPROVAL_REQUIRED }) { nodes { id status } } }', { b: gated }, admin);
    expect(waiting.posts.nodes).toEqual([{ id: post.id, status: 'APPROVAL_REQUIRED' }]);
    const approved = await data('mutation($i: ApprovePostInput!) { approvePost(input: $i) { status } }', { i: { postId: post.id } }, admin);
    expect(approved.approvePost.status).toBe('ACTIVE');
    const bad = await gw.gql('{ posts(filter: { status: 15 }) { nodes { id } } }');
    expect(bad.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('ids that are not global ids of the right type are refused, naming the argument', async () => {
    const m = await gw.member('idchecker');
    const post = (await data(CREATE_POST, { i: { content: 'ids' } }, m.token)).createPost;
    const refusals: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { post(id: $id) { id } }', { id: 'garbage' }, 'id'],
      ['query($id: ID!) { post(id: $id) { id } }', { id: toGlobalId('Board', post.databaseId) }, 'id'],
      ['query($id: ID!) { comment(id: $id) { id } }', { id: post.id }, 'id'],
      ['query($id: ID!) { tag(id: $id) { id } }', { id: String(post.databaseId) }, 'id'],
      ['mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }', { i: { postId: toGlobalId('Reply', 1), content: 'x' } }, 'postId'],
      ['mutation($id: ID!) { deletePost(postId: $id) }', { id: toGlobalId('Comment', post.databaseId) }, 'postId'],
      ['query($id: ID!) { tagsOf(id: $id) { nodes { id } } }', { id: toGlobalId('Board', 1) }, 'id'],
    ];
    for (const [query, variables, field] of refusals) {
      const res = await gw.gql(query, variables, m.token);
      expect([res.body.errors?.[0]?.extensions?.code, res.body.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    const deleted = await data('mutation($id: ID!) { deletePost(postId: $id) }', { id: post.id }, m.token);
    expect(deleted.deletePost).toBe(post.id);
  });
});
