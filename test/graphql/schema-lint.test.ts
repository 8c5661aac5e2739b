import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The schema lint's configuration (schema/lint.mjs, `npm run schema:lint`): a small schema that
 * follows schema/STYLE.md passes, and breaking it in one way at a time trips the rule for that way.
 * ESLint loads its flat config as an ES module, so the lint runs in a child node process (one for
 * every schema here), as `npm run schema:lint` runs it, with each text standing in for schema/schema.graphql.
 */

const ROOT = join(__dirname, '..', '..');

interface Linted {
  rules: string[];
  fatal: string[];
}

/** Lints each SDL text as if it were schema/schema.graphql; the rule ids reported for each. */
function lint(texts: string[]): Linted[] {
  const script = `
    import { ESLint } from 'eslint';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const text of JSON.parse(input)) {
      const [result] = await eslint.lintText(text, { filePath: 'schema/schema.graphql' });
      out.push({
        rules: result.messages.filter((m) => !m.fatal).map((m) => m.ruleId),
        fatal: result.messages.filter((m) => m.fatal).map((m) => m.message),
      });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 16 << 20 });
  return JSON.parse(stdout) as Linted[];
}

/** A schema following STYLE.md: a Node entity, a keyset connection, an enum code, global id arguments, one input, a setter, a delete answering the id. */
const GOOD = /* GraphQL */ `
"""An object with a global id."""
interface Node {
  """The global id."""
  id: ID!
}

"""A user."""
type User implements Node {
  id: ID!
  databaseId: Int!
  """The account name (allowed to start with the type's name)."""
  username: String!
}

"""A post."""
type Post implements Node {
  id: ID!
  """The number in the database."""
  databaseId: Int!
  author: User!
  authorDatabaseId: Int!
  status: PostStatus!
  title: String!
  """The post's tags: at most 10."""
  tags: [String!]!
}

"""Where a post stands."""
enum PostStatus {
  DRAFT
  PUBLISHED
}

"""Where a page sits in its connection."""
type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

"""A Post with its cursor."""
type PostEdge {
  cursor: String!
  node: Post!
}

"""A page of Post items."""
type PostConnection {
  edges: [PostEdge!]!
  nodes: [Post!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

"""Narrows the posts."""
input PostsFilter {
  authorId: ID
  status: PostStatus
}

"""Changes to a post."""
input UpdatePostInput {
  postId: ID!
  title: String
}

"""Pins or unpins a post."""
input SetPostPinnedInput {
  postId: ID!
  pinned: Boolean!
}

"""A new post with the token to edit it."""
type CreatePostPayload {
  post: Post!
  editToken: String!
}

type Query {
  """Any object by global id."""
  node(id: ID!): Node
  """One post by global id."""
  post(id: ID!): Post
  """Posts, newest first; 20 a page by default, at most 100."""
  posts(first: Int, after: String, last: Int, before: String, offset: Int, filter: PostsFilter): PostConnection!
}

type Mutation {
  """Writes a post."""
  createPost(title: String!): CreatePostPayload!
  """Changes a post."""
  updatePost(input: UpdatePostInput!): Post!
  """Pins or unpins a post."""
  setPostPinned(input: SetPostPinnedInput!): Post!
  """Deletes a post; answers its global id."""
  deletePost(postId: ID!): ID!
}
`;

/** Replaces `from` (which must be in GOOD) by `to`. */
function breaking(from: string, to: string): string {
  if (!GOOD.includes(from)) throw new Error(`not in the good schema: ${from}`);
  return GOOD.replace(from, to);
}

/** One way to break STYLE.md per enabled rule: the rule that must report it, and the broken schema. */
const BROKEN: [rule: string, sdl: string][] = [
  ['@graphql-eslint/relay-page-info', breaking('  hasPreviousPage: Boolean!\n', '')],
  ['@graphql-eslint/relay-connection-types', breaking('  pageInfo: PageInfo!\n  totalCount', '  totalCount')],
  ['@graphql-eslint/relay-edge-types', breaking('type PostEdge {\n  cursor: String!\n', 'type PostEdge {\n')],
  ['@graphql-eslint/relay-arguments', breaking('posts(first: Int, after: String, last: Int, before: String, offset: Int, filter: PostsFilter)', 'posts(filter: PostsFilter)')],
  ['schema-style/no-legacy-paging', breaking('posts(first: Int, after: String, last: Int, before: String, offset: Int,', 'posts(first: Int, after: String, last: Int, before: String, limit: Int,')],
  [
    'schema-style/no-legacy-paging',
    breaking('"""Narrows the posts."""', '"""A page."""\ntype PostPage {\n  items: [Post!]!\n}\n\n"""Narrows the posts."""').replace(
      'post(id: ID!): Post\n',
      'post(id: ID!): Post\n  """Posts by page."""\n  postPage: PostPage!\n',
    ),
  ],
  ['@graphql-eslint/naming-convention', breaking('  PUBLISHED\n', '  published\n')],
  ['@graphql-eslint/naming-convention', breaking('setPostPinned(input: SetPostPinnedInput!)', 'togglePostPinned(input: SetPostPinnedInput!)')],
  ['schema-style/no-typename-prefix', breaking('  title: String!\n  """The post', '  postTitle: String!\n  """The post')],
  [
    '@graphql-eslint/strict-id-in-types',
    breaking('type User implements Node {\n  id: ID!\n', 'type User implements Node {\n  id: ID!\n  key: ID!\n')
      .replace('interface Node {\n  """The global id."""\n  id: ID!\n}', 'interface Node {\n  """The global id."""\n  id: ID!\n}\n\n"""A comment."""\ntype Comment {\n  text: String!\n}')
      .replace('  """The post\'s tags', '  """Its comments: at most 10."""\n  comments: [Comment!]!\n  """The post\'s tags'),
  ],
  ['schema-style/no-int-ids', breaking('post(id: ID!): Post', 'post(id: Int!): Post')],
  ['schema-style/no-int-ids', breaking('  postId: ID!\n  title: String', '  postId: Int!\n  title: String')],
  ['schema-style/no-int-ids', breaking('  authorDatabaseId: Int!', '  authorId: Int!')],
  ['schema-style/enum-codes', breaking('  status: PostStatus!\n  title', '  status: Int!\n  title')],
  ['schema-style/input-name', breaking('updatePost(input: UpdatePostInput!)', 'updatePost(postId: ID!, title: String)')],
  ['schema-style/input-name', breaking('updatePost(input: UpdatePostInput!)', 'updatePost(input: SetPostPinnedInput!)')],
  ['schema-style/delete-returns-id', breaking('deletePost(postId: ID!): ID!', 'deletePost(postId: ID!): Boolean!')],
  ['@graphql-eslint/require-description', breaking('"""A post."""\n', '')],
  ['schema-style/root-field-description', breaking('  """Writes a post."""\n', '')],
  ['@graphql-eslint/description-style', breaking('"""A post."""\n', '"A post."\n')],
  ['@graphql-eslint/no-hashtag-description', breaking('"""A post."""\n', '"""A post."""\n# Posts are written by users.\n')],
  ['@graphql-eslint/require-deprecation-reason', breaking('  title: String!\n  """The post', '  title: String! @deprecated\n  """The post')],
  ['@graphql-eslint/no-unreachable-types', `${GOOD}\n"""A colour nothing refers to."""\nenum Colour {\n  RED\n}\n`],
  ['@graphql-eslint/unique-enum-value-names', breaking('  PUBLISHED\n', '  PUBLISHED\n  Published\n')],
];

describe('the schema lint (schema/lint.mjs)', () => {
  let good: Linted;
  let broken: Linted[];

  beforeAll(() => {
    [good, ...broken] = lint([GOOD, ...BROKEN.map(([, sdl]) => sdl)]);
  }, 120_000);

  test('a schema following STYLE.md passes', () => {
    expect(good).toEqual({ rules: [], fatal: [] });
  });

  test.each(BROKEN.map(([rule], i) => [rule, i] as const))('%s reports the schema broken for it (case %#)', (rule, i) => {
    expect(broken[i].fatal).toEqual([]);
    expect(broken[i].rules).toContain(rule);
  });

  test('every rule the configuration enables is broken by one of the schemas above', async () => {
    const script = `
      import { ESLint } from 'eslint';
      const config = await new ESLint({ cwd: process.cwd() }).calculateConfigForFile('schema/schema.graphql');
      process.stdout.write(JSON.stringify(Object.entries(config.rules).filter(([, v]) => (Array.isArray(v) ? v[0] : v) !== 0 && (Array.isArray(v) ? v[0] : v) !== 'off').map(([k]) => k)));
    `;
    const enabled = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect([...new Set(BROKEN.map(([rule]) => rule))].sort()).toEqual([...enabled].sort());
  }, 60_000);
});
