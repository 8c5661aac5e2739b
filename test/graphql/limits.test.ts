import { graphqlSync, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { FEED_QUERY } from '../../bench/feed';
import { createGatewayPubSub } from '../../src/graphql/pubsub';
import { buildGatewaySchema } from '../../src/graphql/schema';
import { FULL_INTROSPECTION_QUERY, fragmentLookup, INTROSPECTION_COST_FACTOR, introspectionBudget, introspectionCost } from '../../src/graphql/introspection-limits';
import { ASSUMED_LIST_SIZE, MAX_REPEATS, MAX_SELECTIONS, operationCost } from '../../src/graphql/limits';
import { closeGateway, runOver, wsClient } from '../support/ws';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ QUERY_MAX_DEPTH: '4', QUERY_MAX_ALIASES: '5', QUERY_MAX_ROOT_FIELDS: '6', QUERY_MAX_COST: '5000' });
});
afterAll(() => closeGateway(gw));

/** Sends an operation and returns the first error's code and whether any SQL ran for it. */
async function refused(query: string, variables?: Record<string, unknown>) {
  const before = gw.queries.length;
  const { status, body } = await gw.gql(query, variables);
  return { status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message ?? '', data: body.data, statements: gw.queries.length - before };
}

test('an operation deeper than QUERY_MAX_DEPTH is refused before any resolver runs, through fragments too', async () => {
  const deep = await refused('{ posts { nodes { author { role { name } } } } }');
  expect(deep).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP', statements: 0 });
  expect(deep.message).toMatch(/5 fields deep; at most 4/);
  const viaFragment = await refused('query { posts { ...P } } fragment P on PostConnection { nodes { author { role { name } } } }');
  expect(viaFragment).toMatchObject({ code: 'QUERY_TOO_DEEP', statements: 0 });
  expect((await refused('{ posts { nodes { author { username } } } }')).code).toBeUndefined();
});

test('aliases and root fields are capped: six aliased logins in one document never reach the password check', async () => {
  const logins = Array.from({ length: 6 }, (_, i) => `l${i}: login(input: { login: "admin", password: "wrong-${i}" }) { token }`).join(' ');
  expect(await refused(`mutation { ${logins} }`)).toMatchObject({ status: 400, code: 'TOO_MANY_ALIASES', statements: 0 });
  const wide = await refused(`{ ${Array.from({ length: 7 }, () => '__typename').join(' ')} }`);
  expect(wide).toMatchObject({ status: 400, code: 'TOO_MANY_ROOT_FIELDS', statements: 0 });
  expect(wide.message).toMatch(/7 root fields; at most 6/);
});

test('cost multiplies list sizes, variables included, and is checked before execution', async () => {
  const nested = await refused('{ posts(first: 100) { nodes { tags { databaseId name } comments(first: 50) { __typename } } } }');
  expect(nested).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', statements: 0 });
  expect(nested.message).toMatch(/would cost 7301; at most 5000/);
  const byVariable = 'query Many($n: Int!) { posts(first: $n) { nodes { tags { databaseId name } comments(first: 50) { __typename } } } }';
  expect((await refused(byVariable, { n: 100 })).code).toBe('QUERY_TOO_COMPLEX');
  expect((await refused(byVariable, { n: 5 })).code).toBeUndefined();
});

test('introspection has limits of its own: the standard query answers under QUERY_MAX_DEPTH 4 and QUERY_MAX_COST 5000', async () => {
  const { status, body } = await gw.gql(FULL_INTROSPECTION_QUERY);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  expect(body.data.__schema.types.length).toBeGreaterThan(100);
  // Beside it, the ordinary part of an operation is held to the ordinary limits.
  const mixed = await refused('{ __schema { queryType { name } } posts { nodes { author { role { name } } } } }');
  expect(mixed).toMatchObject({ code: 'QUERY_TOO_DEEP', statements: 0 });
});

test('fragments that spread each other twice over are refused at once with QUERY_TOO_COMPLEX, not walked', async () => {
  const levels = 40; // 2^40 selections once expanded
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Post { databaseId ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ');
  const started = Date.now();
  const bomb = await refused(`{ posts(first: 100) { nodes { comments(first: 100) { __typename } ...F0 } } } ${fragments}`);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(bomb).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', statements: 0 });
  expect(bomb.message).toMatch(new RegExp(`^The operation expands to \\d+ selections through its fragments; at most ${MAX_SELECTIONS} are allowed$`));
});

test('a field repeated past MAX_REPEATS in one place is refused by the shape limits before graphql validates it (HTTP and WebSocket)', async () => {
  // graphql's own validation compares same-named fields pairwise: these took it 120-260 ms each and
  // answered "Validation aborted."; the shape limits now refuse them first, with their own codes.
  const repeated = (times: number) => `{ viewer { ${Array.from({ length: times }, () => 'followers { totalCount }').join(' ')} } }`;
  const many = await refused(repeated(1000));
  expect(many).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', statements: 0 });
  expect(many.message).toMatch(new RegExp(`1000 times in one place \\(fragments included\\); at most ${MAX_REPEATS}`));
  const viaFragments = await refused(`{ viewer { ${'...F '.repeat(MAX_REPEATS + 1)} } } fragment F on User { followers { totalCount } }`);
  expect(viaFragments).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX', statements: 0 });
  // Invalid besides: refused by the shape limit all the same, before validation would report it.
  expect(await refused(`{ ${Array.from({ length: 600 }, () => 'viewer { databaseId nope }').join(' ')} }`)).toMatchObject({ status: 400, code: 'TOO_MANY_ROOT_FIELDS' });
  expect((await refused(repeated(MAX_REPEATS))).code).toBeUndefined();
  expect((await refused(`{ viewer { ${'id '.repeat(300)} } }`)).code).toBeUndefined(); // leaf fields are cheap to compare
  const socket = await runOver(wsClient(gw, { token: (await gw.member('repeater')).token }), repeated(1000));
  expect(socket.refused[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: MAX_REPEATS, actual: 1000 });
});

test('HTTP batching stays off: an array of operations is refused', async () => {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
  });
  expect(response.status).toBe(400);
});

describe('the cost estimate', () => {
  const schema = buildGatewaySchema(createGatewayPubSub());
  const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), variables);

  test('a field costs 1; a sized list multiplies its selection; an unsized connection counts as its default page, named ids as their number, another unsized list as ten', () => {
    expect(cost('{ __typename }')).toBe(1);
    expect(cost('{ users { edges { node { databaseId } } } }')).toBe(1 + 20 * (1 + (1 + 1)));
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(1 + 3 * 1);
    expect(cost('{ users(first: 20) { nodes { databaseId username } } }')).toBe(1 + 20 * (1 + 2));
    expect(cost('{ posts(first: 10) { nodes { tags { databaseId } } } }')).toBe(1 + 10 * (1 + (1 + ASSUMED_LIST_SIZE * 1)));
  });

  test('introspection is priced apart: nothing in the ordinary cost, about its answer’s size in its own', () => {
    const document = parse(FULL_INTROSPECTION_QUERY);
    expect(operationCost(schema, document, {})).toBe(0);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const estimate = introspectionCost(schema, operation.selectionSet, fragmentLookup(document));
    let answered = 0; // fields in the answer, nulls included
    const count = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(count);
      else if (value && typeof value === 'object') Object.values(value).forEach((field) => (answered++, count(field)));
    };
    count(graphqlSync({ schema, source: FULL_INTROSPECTION_QUERY }).data);
    console.log(`the standard introspection query: estimated ${estimate}, answered ${answered} fields; budget ${introspectionBudget(schema)}`);
    expect(estimate).toBeGreaterThanOrEqual(answered);
    expect(estimate).toBeLessThan(2 * answered);
    expect(introspectionBudget(schema)).toBe(INTROSPECTION_COST_FACTOR * estimate);
  });

  test('the benchmark feed at 100 posts fits the default limit of 25,000', () => {
    expect(cost(FEED_QUERY, { n: 100 })).toBeLessThan(25_000);
    expect(cost(FEED_QUERY, { n: 100 })).toBeGreaterThan(cost(FEED_QUERY, { n: 10 }) * 5);
  });
});

test('variables that do not fit are still BAD_USER_INPUT, not a cost failure', async () => {
  const { status, body } = await gw.gql('query Bad($n: Int!) { posts(first: $n) { nodes { databaseId } } }', {});
  expect(status).toBe(400);
  expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});

test('an argument that fails at execution (null for a defaulted Int!) refuses the operation rather than leave the rest of it unpriced', async () => {
  // Validation lets a nullable variable stand where a non-null argument has a default; null then fails
  // that field alone at execution, and the cost estimate with it: the costly rest ran unpriced.
  const costly = 'posts(first: 100) { nodes { tags { id } comments(first: 50) { __typename } } }';
  const withNull = await refused(`query($n: Boolean) { events(mine: $n) { nodes { databaseId } } ${costly} }`, { n: null });
  expect(withNull).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', statements: 0 });
  expect(withNull.message).toMatch(/"mine" of non-null type "Boolean!" must not be null/);
  expect((await refused(`query($n: Boolean) { events(mine: $n) { nodes { databaseId } } ${costly} }`, { n: false })).code).toBe('QUERY_TOO_COMPLEX');
});
