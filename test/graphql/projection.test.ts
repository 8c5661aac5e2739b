import { FEED_QUERY } from '../../bench/feed';
import { from, postsWithComments, type PostsWithComments } from '../support/posts-with-comments';

let fixture: PostsWithComments;
const run: PostsWithComments['run'] = (query, variables) => fixture.run(query, variables);

beforeAll(async () => {
  fixture = await postsWithComments('proj', (i) => `projected post ${i} #projtag`);
});
afterAll(() => fixture.gw.close());

test('the feed reads only the columns it returns; its look-ahead reads post and comment authors in one statement', async () => {
  const narrow = await run(FEED_QUERY, { n: 10 });
  const users = from(narrow.statements, 'users');
  const posts = from(narrow.statements, 'posts');
  const authors = new Set(narrow.data.posts.nodes.flatMap((post: any) => [post.author.username, ...post.comments.nodes.map((comment: any) => comment.author.username)]));
  expect(authors).toEqual(new Set(['projauthor', 'projcommenter']));
  expect(users).toHaveLength(1);
  // The token, board memberships, boards, posts, comments, tags, users: one each.
  expect(narrow.statements).toHaveLength(7);
  expect(posts.length).toBeGreaterThanOrEqual(1);
  for (const sql of narrow.statements) expect(sql).not.toMatch(/select \* from "(users|posts|comments)"|"(users|posts|comments)"\.\*/);
  expect(users[0]).toMatch(/^select "users"\."avatar", "users"\."first_name", "users"\."id", "users"\."last_name", "users"\."middle_name", "users"\."username" from "users"/);
  expect(narrow.statements.join('\n')).not.toMatch(/password|"email"|"clean_text"/);
  expect(from(narrow.statements, 'tag_mappings')[0]).toMatch(/^select "tags"\."id", "tags"\."name", "tag_mappings"\."ref_type", "tag_mappings"\."ref_id" from "tag_mappings"/);

  // A field the projection does not list (`User.ownedPages`) reads whole rows, with the same answer otherwise.
  const wide = await run(FEED_QUERY.replace('author { id: databaseId username name avatar }', 'author { id: databaseId username name avatar ownedPages(first: 1) { nodes { id } } }'), { n: 10 });
  expect(from(wide.statements, 'users')[0]).toMatch(/^select "users"\.\* from "users"/);
  const strip = (data: any) => JSON.parse(JSON.stringify(data, (key, value) => (key === 'ownedPages' ? undefined : value)));
  expect(strip(wide.data)).toEqual(narrow.data);
  // Projection changes what a statement selects, never how many run.
  expect(wide.statements.length - narrow.statements.length).toBe(from(wide.statements, 'pages').length);
});

test('fragments, inline fragments and aliases are read through; __typename costs no column', async () => {
  const { data, statements } = await run(`
    query { posts(first: 2) { edges { cursor node { ...P } } } }
    fragment P on Post { __typename headline author { ... on User { handle: username } } }
  `);
  expect(data.posts.edges).toHaveLength(2);
  expect(data.posts.edges[0].node.author.handle).toBe('projauthor');
  expect(from(statements, 'posts')[0]).toMatch(/^select "posts"\."headline", "posts"\."id", "posts"\."user_id" from "posts"/);
  expect(from(statements, 'users')[0]).toMatch(/^select "users"\."id", "users"\."username" from "users"/);
});

test('a row read with fewer columns is read again for more; one read whole answers every later load', async () => {
  // The same author under two selections of one operation: read once with both selections' columns
  // when the loads share a batch (SQLite's synchronous reads), else once more with the union.
  const together = await run(`query { a: posts(first: 1) { nodes { author { username } } } b: posts(first: 1) { nodes { author { about } } } }`);
  const users = from(together.statements, 'users');
  expect(users.length).toBeLessThanOrEqual(2);
  expect(users.at(-1)).toMatch(/^select "users"\."about", "users"\."id", "users"\."username" from/);
  expect(together.data.a.nodes[0].author.username).toBe('projauthor');
  expect(together.data.b.nodes[0].author).toEqual({ about: null });

  // A comment's post read narrow by the list, then wide through the comment: read again, whole.
  const nested = await run(`query { posts(first: 1) { nodes { headline comments(first: 1) { nodes { post { headline viewCount status } } } } } }`);
  const post = nested.data.posts.nodes[0];
  expect(post.comments.nodes[0].post.headline).toBe(post.headline);
  expect(post.comments.nodes[0].post.viewCount).toBe(0);
  expect(post.comments.nodes[0].post.status).toBe('ACTIVE');
  expect(from(nested.statements, 'posts')).toHaveLength(2);
});
