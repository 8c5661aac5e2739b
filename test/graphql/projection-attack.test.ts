/**
 * Attacks on column projection and the posts look-ahead: statements they add that the query did
 * not need (a list read twice for aliases of one page, reads for fields @skip/@include leave out).
 */
import { from, postsWithComments, type PostsWithComments } from '../support/posts-with-comments';

let fixture: PostsWithComments;
const run: PostsWithComments['run'] = (query, variables) => fixture.run(query, variables);

beforeAll(async () => {
  fixture = await postsWithComments('atk', (i) => `attack post ${i}`);
});
afterAll(() => fixture.gw.close());

test('two aliases of the same first page of comments read the comments once', async () => {
  const { data, statements } = await run(`query { posts(first: 3) { nodes {
    a: comments(first: 1) { nodes { content } }
    b: comments(first: 1) { nodes { author { username } } }
  } } }`);
  expect(data.posts.nodes[0].a.nodes).toHaveLength(1);
  expect(data.posts.nodes[0].b.nodes[0].author.username).toBe('atkcommenter');
  // One windowed statement over the comments, as before projection (one key per post and limit).
  expect(from(statements, 'comments')).toHaveLength(1);
});

test('comments and authors a directive leaves out are not read ahead', async () => {
  const skipped = await run(
    `query($no: Boolean!) { posts(first: 3) { nodes {
    id
    comments(first: 5) @include(if: $no) { nodes { author { username } } }
    author @skip(if: true) { username }
  } } }`,
    { no: false },
  );
  expect(skipped.data.posts.nodes[0]).toEqual({ id: expect.any(String) });
  expect(from(skipped.statements, 'comments')).toHaveLength(0);
  expect(from(skipped.statements, 'users')).toHaveLength(0);
});

test('a field a directive leaves out does not widen the columns read', async () => {
  const { statements } = await run(`query { posts(first: 2) { nodes { headline content @skip(if: true) } } }`);
  expect(from(statements, 'posts')[0]).toMatch(/^select "posts"\."headline", "posts"\."id" from "posts"/);
});

test('the same author asked for other fields deeper down is read again at most once', async () => {
  // Each level asks the same user for a field the levels above did not: before projection the
  // first read (whole) answered every level; re-reading with the union each time costs one
  // statement a level.
  const level = (field: string, inner: string) => `comments(first: 1) { nodes { post { author { ${field} } ${inner} } } }`;
  const { data, statements } = await run(`query { posts(first: 1) { nodes { author { username } ${level('about', level('website', ''))} } } }`);
  expect(data.posts.nodes[0].author.username).toBe('atkauthor');
  expect(from(statements, 'users').length).toBeLessThanOrEqual(2);
});

test("two aliases of a post's tags read the tags once", async () => {
  await fixture.gw.gql('mutation { createPost(input: { content: "tagged #atktag" }) { id } }', {}, fixture.token);
  const { data, statements } = await run(`query { posts(first: 2) { nodes { a: tags { name description } b: tags { id image } } } }`);
  expect(data.posts.nodes[0].a).toEqual([{ name: 'atktag', description: null }]);
  expect(data.posts.nodes[0].b).toEqual([{ id: expect.any(String), image: null }]);
  expect(from(statements, 'tag_mappings')).toHaveLength(1);
});

test('projected authors keep their hidden fields hidden from other members', async () => {
  const hides = await fixture.gw.gql('mutation { updateProfile(input: { phone: "+15550100", lat: 1.5, lng: 2.5, privacy: { showOnline: false } }) { id } }', {}, fixture.token);
  expect(hides.body.errors).toBeUndefined();
  const other = await fixture.gw.member('atkreader');
  const res = await fixture.gw.gql(
    `query { posts(first: 1) { nodes { author { username email phone lat lastSeenAt presence loginCount privacy { showOnline } }
      comments(first: 2) { nodes { post { author { phone lastLoginAt } } } } } } }`,
    {},
    other.token,
  );
  expect(res.body.errors).toBeUndefined();
  const post = res.body.data.posts.nodes[0];
  expect(post.author).toEqual({ username: 'atkauthor', email: null, phone: null, lat: null, lastSeenAt: null, presence: 'OFFLINE', loginCount: 0, privacy: null });
  for (const comment of post.comments.nodes) expect(comment.post.author).toEqual({ phone: null, lastLoginAt: null });
});
