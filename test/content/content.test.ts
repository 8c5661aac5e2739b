import type { DomainEvent } from '../../src/events/domain-event';
import { Topic } from '../../src/graphql/pubsub';
import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_API_KEY, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';

const P = (n: number) => toGlobalId('Post', n);
const B = (n: number) => toGlobalId('Board', n);
const C = (n: number) => toGlobalId('Comment', n);
const R = (n: number) => toGlobalId('Reply', n);

let gw: TestGateway;
let admin: string;
beforeAll(async () => {
  // Pages of 100 posts with 20 comments and their replies each cost more than the default limit allows.
  gw = await startTestGateway({ QUERY_MAX_COST: '1000000' });
  admin = (await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).body.data.login.token;
});
afterAll(() => gw.close());

async function board(input: Record<string, unknown>): Promise<number> {
  const { body } = await gw.gql('mutation($i: CreateBoardInput!) { createBoard(input: $i) { id: databaseId } }', { i: input }, admin);
  return body.data.createBoard.id;
}

const CREATE_POST = 'mutation($i: CreatePostInput!) { createPost(input: $i) { id: databaseId status boardId: boardDatabaseId cleanText shortText tags { name } } }';

describe('boards and their rules', () => {
  test('a member posts in an open board; a needs-approval board holds the post until staff approve it', async () => {
    const open = await board({ name: 'General' });
    const gated = await board({ name: 'Gated', needsApproval: true });
    const m = await gw.member('poster');
    const post = await gw.gql(CREATE_POST, { i: { boardId: B(open), headline: 'Hi', content: '<p>Hello <b>world</b> &amp; #Welcome</p>' } }, m.token);
    expect(post.body.data.createPost).toMatchObject({ status: 'ACTIVE', boardId: open, cleanText: 'Hello world & #Welcome', tags: [{ name: 'welcome' }] });
    const held = await gw.gql(CREATE_POST, { i: { boardId: B(gated), headline: 'Wait', content: 'please' } }, m.token);
    expect(held.body.data.createPost.status).toBe('APPROVAL_REQUIRED');
    const id = held.body.data.createPost.id;
    const other = await gw.member('lurker');
    expect((await gw.gql(`{ post(id: "${P(id)}") { id: databaseId } }`, {}, other.token)).body.data.post).toBeNull();
    expect((await gw.gql(`mutation { approvePost(input: { postId: "${P(id)}" }) { id: databaseId } }`, {}, m.token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await gw.gql(`mutation { approvePost(input: { postId: "${P(id)}" }) { status } }`, {}, admin)).body.data.approvePost.status).toBe('ACTIVE');
    expect((await gw.gql(`{ post(id: "${P(id)}") { id: databaseId } }`, {}, other.token)).body.data.post.id).toBe(id);
    expect((await gw.gql(`{ board(id: "${B(gated)}") { postCount lastPostedAt } }`)).body.data.board.postCount).toBe(1);
  });

  test('permissionFor ADMIN keeps members out; private boards are seen by members only', async () => {
    const adminsOnly = await board({ name: 'Announcements', permissionFor: 'ADMIN' });
    const secret = await board({ name: 'Secret', isPrivate: true });
    const m = await gw.member('plainmember');
    const before = await gw.count('posts');
    const denied = await gw.gql(CREATE_POST, { i: { boardId: B(adminsOnly), headline: 'x', content: 'y' } }, m.token);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const hidden = await gw.gql(CREATE_POST, { i: { boardId: B(secret), headline: 'x', content: 'y' } }, m.token);
    expect(hidden.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await gw.count('posts')).toBe(before);
    expect((await gw.gql(`{ board(id: "${B(secret)}") { id: databaseId } }`, {}, m.token)).body.data.board).toBeNull();
    const msid = (await gw.gql('{ viewer { msid } }', {}, m.token)).body.data.viewer.msid;
    await gw.gql(`mutation { setBoardMembers(input: { boardId: "${B(secret)}", changes: [{ msid: "${msid}", member: true }] }) }`, {}, admin);
    expect((await gw.gql(`{ board(id: "${B(secret)}") { name } }`, {}, m.token)).body.data.board.name).toBe('Secret');
    expect((await gw.gql(CREATE_POST, { i: { boardId: B(secret), headline: 'x', content: 'y' } }, m.token)).body.data.createPost.status).toBe('ACTIVE');
  });

  test('visibility and permissionFor are enums on the wire; legacy answers keep their numbers', async () => {
    const FIELDS = 'id: databaseId kind visibility permissionFor pinnedPostDatabaseIds';
    const created = await gw.gql(`mutation { createBoard(input: { name: "Q&A", kind: "QA", visibility: SIGNED_IN, permissionFor: MODERATOR }) { ${FIELDS} } }`, {}, admin);
    const { id } = created.body.data.createBoard;
    expect(created.body.data.createBoard).toEqual({ id, kind: 'QA', visibility: 'SIGNED_IN', permissionFor: 'MODERATOR', pinnedPostDatabaseIds: [] });
    const m = await gw.member('enumreader');
    expect((await gw.gql(`{ board(id: "${B(id)}") { name } }`)).body.data.board).toBeNull();
    expect((await gw.gql(`{ board(id: "${B(id)}") { visibility } }`, {}, m.token)).body.data.board).toEqual({ visibility: 'SIGNED_IN' });
    expect((await gw.gql(CREATE_POST, { i: { boardId: B(id), headline: 'x', content: 'y' } }, m.token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const post = (await gw.gql(CREATE_POST, { i: { boardId: B(id), headline: 'Pinned', content: 'pinned' } }, admin)).body.data.createPost.id;
    await gw.gql(`mutation { pinPost(input: { postId: "${P(post)}", pinned: true }) { pinned } }`, {}, admin);
    const updated = await gw.gql(`mutation { updateBoard(input: { boardId: "${B(id)}", visibility: MEMBERS, permissionFor: ADMIN }) { ${FIELDS} } }`, {}, admin);
    expect(updated.body.data.updateBoard).toEqual({ id, kind: 'QA', visibility: 'MEMBERS', permissionFor: 'ADMIN', pinnedPostDatabaseIds: [post] });
    expect((await gw.gql(`{ board(id: "${B(id)}") { name } }`, {}, m.token)).body.data.board).toBeNull();
    expect((await gw.gql(`mutation { createBoard(input: { name: "Bad", visibility: 1 }) { name } }`, {}, admin)).body.errors).toHaveLength(1);
    const cms = { authorization: `Basic ${Buffer.from(`cms:${ADMIN_API_KEY}`).toString('base64')}` };
    const legacy = (await gw.http('GET', `/api/v1/boards/${id}`, { headers: cms })).body;
    expect(legacy).toMatchObject({ board_id: id, board_type: 'QA', hidden_type: 2, permission_for: 1, pinned_posts: [post] });
  });
});

describe('comments, replies and reactions', () => {
  test('counts follow comments and replies; reactions are set, moved between slots and taken back with null', async () => {
    const m = await gw.member('reactor');
    const postId = (await gw.gql(CREATE_POST, { i: { content: 'timeline post' } }, m.token)).body.data.createPost.id;
    const c = await gw.gql(`mutation { createComment(input: { postId: "${P(postId)}", content: "nice" }) { id: databaseId } }`, {}, m.token);
    const commentId = c.body.data.createComment.id;
    await gw.gql(`mutation { createReply(input: { commentId: "${C(commentId)}", content: "thanks" }) { id: databaseId } }`, {}, m.token);
    const like = await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: 1 }) { reactCount reactions { s1 s2 } } }`, {}, m.token);
    expect(like.body.data.reactToPost).toEqual({ reactCount: 1, reactions: { s1: 1, s2: 0 } });
    const move = await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: 2 }) { reactCount reactions { s1 s2 } } }`, {}, m.token);
    expect(move.body.data.reactToPost).toEqual({ reactCount: 1, reactions: { s1: 0, s2: 1 } });
    const again = await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: 2 }) { reactCount reactions { s2 } viewerReaction } }`, {}, m.token);
    expect(again.body.data.reactToPost).toEqual({ reactCount: 1, reactions: { s2: 1 }, viewerReaction: 2 }); // a setter: the same slot again changes nothing
    const back = await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: null }) { reactCount reactions { s2 } } }`, {}, m.token);
    expect(back.body.data.reactToPost).toEqual({ reactCount: 0, reactions: { s2: 0 } });
    const read = await gw.gql(`{ post(id: "${P(postId)}") { commentCount replyCount comments { nodes { content replies { nodes { content author { username } } } } } } }`, {}, m.token);
    expect(read.body.data.post).toEqual({ commentCount: 1, replyCount: 1, comments: { nodes: [{ content: 'nice', replies: { nodes: [{ content: 'thanks', author: { username: 'reactor' } }] } }] } });
    expect((await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: 7 }) { id: databaseId } }`, {}, m.token)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('only the author or staff edit a post', async () => {
    const a = await gw.member('author1');
    const b = await gw.member('author2');
    const postId = (await gw.gql(CREATE_POST, { i: { content: 'mine' } }, a.token)).body.data.createPost.id;
    expect((await gw.gql(`mutation { updatePost(input: { postId: "${P(postId)}", content: "theirs" }) { id: databaseId } }`, {}, b.token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const edited = await gw.gql(`mutation { updatePost(input: { postId: "${P(postId)}", content: "edited" }) { content lastEditedAt } }`, {}, admin);
    expect(edited.body.data.updatePost.content).toBe('edited');
    expect(edited.body.data.updatePost.lastEditedAt).not.toBeNull();
  });
});

test('creating posts, comments and replies, and reacting, publish their events after commit', async () => {
  const events: DomainEvent[] = [];
  const listening = (async () => {
    for await (const event of gw.app.gateway.services.pubsub.subscribe(Topic.DomainEvent)) {
      events.push(event);
      if (events.length === 4) return;
    }
  })();
  const m = await gw.member('eventful');
  await new Promise((r) => setTimeout(r, 20));
  events.length = 0;
  const postId = (await gw.gql(CREATE_POST, { i: { content: 'e' } }, m.token)).body.data.createPost.id;
  const commentId = (await gw.gql(`mutation { createComment(input: { postId: "${P(postId)}", content: "c" }) { id: databaseId } }`, {}, m.token)).body.data.createComment.id;
  const replyId = (await gw.gql(`mutation { createReply(input: { commentId: "${C(commentId)}", content: "r" }) { id: databaseId } }`, {}, m.token)).body.data.createReply.id;
  await gw.gql(`mutation { reactToPost(input: { postId: "${P(postId)}", slot: 1 }) { id: databaseId } }`, {}, m.token);
  await listening;
  expect(events.map((e) => [e.name, e.entities])).toEqual([
    ['post.created', { post: [postId], user: [m.id] }],
    ['comment.created', { comment: [commentId], post: [postId], user: [m.id] }],
    ['reply.created', { reply: [replyId], comment: [commentId], post: [postId], user: [m.id] }],
    ['reaction.added', { post: [postId], user: [m.id] }],
  ]);
});

test('tags: hashtag names are unique and lowercase; search, ids and sort work', async () => {
  const made = await gw.gql('mutation { createTag(input: { name: "Chief Officer", description: "Cheese" }) { id: databaseId name displayName backColor textColor } }', {}, admin);
  expect(made.body.data.createTag).toMatchObject({ name: 'chiefofficer', displayName: 'Chief Officer', backColor: '#ffffff', textColor: '#330000' });
  expect((await gw.gql('mutation { createTag(input: { name: "CHIEF officer" }) { id: databaseId } }', {}, admin)).body.errors[0].extensions.code).toBe('CONFLICT');
  expect((await gw.gql('mutation { createTag(input: { name: "x", backColor: "red" }) { id: databaseId } }', {}, admin)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const found = await gw.gql('{ searchTags(q: "officer") { nodes { name } } }');
  expect(found.body.data.searchTags.nodes).toEqual([{ name: 'chiefofficer' }]);
  await gw.gql('mutation { createTag(input: { name: "officer_x" }) { id: databaseId } }', {}, admin);
  const prefixFirst = await gw.gql('{ searchTags(q: "offic") { nodes { name } } }');
  expect(prefixFirst.body.data.searchTags.nodes.map((t: { name: string }) => t.name)).toEqual(['officer_x', 'chiefofficer']);
  expect((await gw.gql('{ searchTags(q: "r_x") { nodes { name } } }')).body.data.searchTags.nodes).toEqual([{ name: 'officer_x' }]);
  expect((await gw.gql('{ searchTags(q: "e_o") { nodes { name } } }')).body.data.searchTags.nodes).toEqual([]);
  const byIds = await gw.gql(`{ tags(filter: { ids: ["${toGlobalId('Tag', made.body.data.createTag.id)}"] }) { nodes { id: databaseId } } }`);
  expect(byIds.body.data.tags.nodes).toHaveLength(1);
});

test('a page of posts with authors, comments, their authors and tags costs the same statements for 10 posts as for 100', async () => {
  const writers = await Promise.all([gw.member('writer1'), gw.member('writer2'), gw.member('writer3')]);
  for (let i = 0; i < 100; i++) {
    const w = writers[i % 3];
    const id = (await gw.gql(CREATE_POST, { i: { content: `post ${i} #bulk #n${i % 5}` } }, w.token)).body.data.createPost.id;
    if (i % 2 === 0) await gw.gql(`mutation { createComment(input: { postId: "${P(id)}", content: "c #talk" }) { id: databaseId } }`, {}, writers[(i + 1) % 3].token);
  }
  // The fewer of two runs: a background sweep's statement can fall into one of them.
  const statements = async (pageSize: number) => Math.min(await statementsOnce(pageSize), await statementsOnce(pageSize));
  const statementsOnce = async (pageSize: number) => {
    const before = gw.queries.length;
    const { body } = await gw.gql(
      `{ posts(filter: { tag: "bulk" }, first: ${pageSize}) { nodes { id: databaseId author { username } tags { name } viewerReaction comments { nodes { author { username } tags { name } replies { nodes { id: databaseId } } } } } } }`,
      {},
      writers[0].token,
    );
    expect(body.data.posts.nodes).toHaveLength(pageSize);
    return gw.queries.length - before;
  };
  expect(await statements(10)).toBe(await statements(50));
  expect(await statements(100)).toBe(await statements(10));
  expect((await gw.gql('{ posts(first: 150) { nodes { id } } }')).body.errors[0].extensions.code).toBe('BAD_USER_INPUT'); // at most 100
}, 60000);

test('deleting a reply and a comment takes them out of the counts; others may not delete them', async () => {
  const a = await gw.member('deleter');
  const b = await gw.member('bystander2');
  const postId = (await gw.gql(CREATE_POST, { i: { content: 'to be discussed' } }, a.token)).body.data.createPost.id;
  const commentId = (await gw.gql(`mutation { createComment(input: { postId: "${P(postId)}", content: "c" }) { id: databaseId } }`, {}, a.token)).body.data.createComment.id;
  const replyIds: number[] = [];
  for (const text of ['r1', 'r2'])
    replyIds.push((await gw.gql(`mutation { createReply(input: { commentId: "${C(commentId)}", content: "${text}" }) { id: databaseId } }`, {}, a.token)).body.data.createReply.id);
  expect((await gw.gql(`mutation { deleteReply(replyId: "${R(replyIds[0])}") }`, {}, b.token)).body.errors[0].extensions.code).toBe('FORBIDDEN');
  await gw.gql(`mutation { deleteReply(replyId: "${R(replyIds[0])}") }`, {}, a.token);
  expect((await gw.gql(`{ post(id: "${P(postId)}") { commentCount replyCount } comment(id: "${C(commentId)}") { replyCount } }`)).body.data).toEqual({
    post: { commentCount: 1, replyCount: 1 },
    comment: { replyCount: 1 },
  });
  await gw.gql(`mutation { deleteComment(commentId: "${C(commentId)}") }`, {}, a.token);
  expect((await gw.gql(`{ post(id: "${P(postId)}") { commentCount replyCount comments { nodes { id: databaseId } } } comment(id: "${C(commentId)}") { id: databaseId } }`)).body.data).toEqual({
    post: { commentCount: 0, replyCount: 0, comments: { nodes: [] } },
    comment: null,
  });
});
