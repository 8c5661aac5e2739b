/**
 * Every field a projection lists (src/graphql/projection.ts) answers what the whole row answers:
 * each listed field, asked for alone, through a projected path (a list or a nested field) and
 * through `node(id:)`, which reads whole rows, must give the same answer on rows whose columns are
 * all set. A field whose projection misses a column it reads answers null (or a default) and fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, type GraphQLField, type GraphQLObjectType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { COMMENT_PROJECTION, POST_PROJECTION, REPLY_PROJECTION } from '../../src/domains/content/content.mapper';
import { TAG_PROJECTION } from '../../src/domains/tags/tag.mapper';
import { USER_PROJECTION } from '../../src/domains/users/user.mapper';
import type { Projection } from '../../src/graphql/projection';
import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';

const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));

const needsArguments = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/**
 * Each field a projection lists, as a selection of its own (so another field's columns cannot
 * cover for it): leaves as they are, objects with their leaves.
 */
function selectionsOf(typeName: string, projection: Projection): string[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.keys(projection.fields).flatMap((name) => {
    const field = type.getFields()[name];
    if (!field) throw new Error(`${typeName}.${name} is in its projection but not in the schema`);
    if (needsArguments(field)) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [name];
    const leaves = isObjectType(named) ? Object.values(named.getFields()).filter((sub) => isLeafType(getNamedType(sub.type)) && !needsArguments(sub)) : [];
    return [`${name} { __typename ${leaves.map((sub) => sub.name).join(' ')} }`];
  });
}

let gw: TestGateway;
let author: { id: number; token: string };
let ids: { post: string; comment: string; reply: string; tag: string };

beforeAll(async () => {
  gw = await startTestGateway();
  author = await gw.member('projfields');
  const reader = await gw.member('projreader');
  const ok = async (query: string, variables: Record<string, unknown>, token = author.token) => {
    const res = await gw.gql(query, variables, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data;
  };
  await ok('mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', {
    input: {
      firstName: 'Ada',
      middleName: 'B.',
      lastName: 'Lovelace',
      about: 'About me',
      website: 'https://example.com/ada',
      working: 'Analyst',
      school: 'Home',
      gender: 'female',
      birthday: '1815-12-10',
      countryId: 44,
      timezone: 'Europe/London',
      lang: 'en',
      phone: '+441234567',
      address: '12 Street',
      lat: 51.5,
      lng: -0.12,
      followPrivacy: 'PEOPLE_I_FOLLOW',
      messagePrivacy: 'PEOPLE_I_FOLLOW',
      socialLinks: { twitter: 'ada', youtube: 'adayt' },
      privacy: { birthday: 'EVERYONE', showOnline: true, confirmFollowers: true, shareLocation: true, findableByPhone: true, timelinePosts: 'EVERYONE' },
    },
  });
  const post = (await ok('mutation { createPost(input: { headline: "Projected", content: "<b>Projected</b> post #projfield" }) { id } }', {})).createPost.id;
  await ok('mutation($id: ID!) { reactToPost(input: { postId: $id, slot: 2 }) { id } }', { id: post }, reader.token);
  const comment = (await ok('mutation($id: ID!) { createComment(input: { postId: $id, content: "A comment #projfield" }) { id } }', { id: post })).createComment.id;
  const reply = (await ok('mutation($id: ID!) { createReply(input: { commentId: $id, content: "A reply" }) { id } }', { id: comment })).createReply.id;
  const tag = (await ok('query($id: ID!) { post(id: $id) { tags { id } } }', { id: post })).post.tags[0].id;
  ids = { post, comment, reply, tag };
});
afterAll(() => gw.close());

/** Each selection through a projected path and through `node(id:)` (whole rows): the same answer. */
async function compare(
  selections: string[],
  projected: (selection: string) => string,
  whole: (selection: string) => string,
  pick: (data: any) => [unknown, unknown],
  variables: Record<string, unknown>,
  token?: string,
) {
  for (const selection of selections) {
    const [a, b] = await Promise.all([gw.gql(projected(selection), variables, token), gw.gql(whole(selection), variables, token)]);
    expect({ selection, errors: a.body.errors ?? b.body.errors }).toEqual({ selection, errors: undefined });
    const [got, want] = pick({ projected: a.body.data, whole: b.body.data });
    expect({ selection, answer: got }).toEqual({ selection, answer: want });
  }
}

test.each([
  ['the author', () => author.token],
  ['anyone', () => undefined],
])('every projected field, asked alone, answers as the whole row does, read by %s', async (_who, token) => {
  const vars = { author: toGlobalId('User', author.id), post: ids.post, comment: ids.comment, reply: ids.reply, tag: ids.tag };
  await compare(
    selectionsOf('User', USER_PROJECTION),
    (sel) => `query($author: ID!) { posts(first: 1, filter: { authorId: $author }) { nodes { author { ${sel} } } } }`,
    (sel) => `query($author: ID!) { node(id: $author) { ... on User { ${sel} } } }`,
    ({ projected, whole }) => [projected.posts.nodes[0].author, whole.node],
    vars,
    token(),
  );
  await compare(
    selectionsOf('Post', POST_PROJECTION),
    (sel) => `query($author: ID!) { posts(first: 1, filter: { authorId: $author }) { nodes { ${sel} } } }`,
    (sel) => `query($post: ID!) { node(id: $post) { ... on Post { ${sel} } } }`,
    ({ projected, whole }) => [projected.posts.nodes[0], whole.node],
    vars,
    token(),
  );
  await compare(
    selectionsOf('Tag', TAG_PROJECTION),
    (sel) => `query($author: ID!) { posts(first: 1, filter: { authorId: $author }) { nodes { tags { ${sel} } } } }`,
    (sel) => `query($tag: ID!) { node(id: $tag) { ... on Tag { ${sel} } } }`,
    ({ projected, whole }) => [projected.posts.nodes[0].tags[0], whole.node],
    vars,
    token(),
  );
  await compare(
    selectionsOf('Comment', COMMENT_PROJECTION),
    (sel) => `query($post: ID!) { post(id: $post) { comments(first: 1) { nodes { ${sel} } } } }`,
    (sel) => `query($comment: ID!) { node(id: $comment) { ... on Comment { ${sel} } } }`,
    ({ projected, whole }) => [projected.post.comments.nodes[0], whole.node],
    vars,
    token(),
  );
  await compare(
    selectionsOf('Reply', REPLY_PROJECTION),
    (sel) => `query($comment: ID!) { comment(id: $comment) { replies(first: 1) { nodes { ${sel} } } } }`,
    (sel) => `query($reply: ID!) { node(id: $reply) { ... on Reply { ${sel} } } }`,
    ({ projected, whole }) => [projected.comment.replies.nodes[0], whole.node],
    vars,
    token(),
  );
});
