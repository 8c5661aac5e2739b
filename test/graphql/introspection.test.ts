/**
 * Introspection where it is on: the standard introspection query (graphql-js, every option) and what
 * GraphQL Code Generator sends answer over HTTP POST, GET and graphql-ws, and rebuild the printed
 * schema; deep, cyclic and aliased introspection is still refused. Where it is off (production),
 * `__schema` is refused and `__typename` answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type IntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { FULL_INTROSPECTION_QUERY, INTROSPECTION_MAX_DEPTH } from '../../src/graphql/introspection-limits';
import { startTestGateway, type TestGateway } from '../support/gateway';
import type { Client } from 'graphql-ws';
import { closeGateway, runOver, wsClient } from '../support/ws';

const PRINTED_SCHEMA = fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8');

/** getIntrospectionQuery with every option graphql 16 has: the most any tool asks for. */
const EVERY_OPTION = FULL_INTROSPECTION_QUERY;
/** Everything from the first fragment on: FullType, InputValue and TypeRef. */
const FRAGMENTS = EVERY_OPTION.slice(EVERY_OPTION.indexOf('fragment FullType'));

/** The schema a client rebuilds from an introspection answer, printed as schema/schema.graphql is. */
function printedFrom(data: IntrospectionQuery): string {
  return `${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`;
}

let dev: TestGateway;
let prod: TestGateway;
/** A graphql-ws client of `gw` signed in as a new member (sockets need a token). */
let devSocket: () => Client;
let prodSocket: () => Client;
beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestGateway(), startTestGateway({ NODE_ENV: 'production' })]);
  const [devToken, prodToken] = await Promise.all([dev.member('inspector'), prod.member('inspector')]).then((members) => members.map((m) => m.token));
  devSocket = () => wsClient(dev, { token: devToken });
  prodSocket = () => wsClient(prod, { token: prodToken });
});
afterAll(() => Promise.all([dev, prod].map((gw) => gw && closeGateway(gw))));

/** A GET of /graphql; `apollo-require-preflight` passes today's CSRF prevention as a tool's non-simple header would. */
async function getQuery(gw: TestGateway, query: string, operationName?: string) {
  const search = new URLSearchParams({ query, ...(operationName ? { operationName } : {}) });
  return gw.http('GET', `/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
}

describe('where introspection is on', () => {
  test('the standard query with every option answers over HTTP POST and rebuilds the printed schema', async () => {
    const { status, body } = await dev.gql(EVERY_OPTION);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(printedFrom(body.data)).toBe(PRINTED_SCHEMA);
  });

  test('… over HTTP GET', async () => {
    const { status, body } = await getQuery(dev, EVERY_OPTION, 'IntrospectionQuery');
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(printedFrom(body.data)).toBe(PRINTED_SCHEMA);
  });

  test('… and over graphql-ws', async () => {
    const result = await runOver(devSocket(), EVERY_OPTION);
    expect(result.refused).toBeUndefined();
    expect(result.errors).toBeUndefined();
    expect(printedFrom(result.data)).toBe(PRINTED_SCHEMA);
  });

  test('the variants tools send answer too: defaults, GraphiQL 3 options, older clients’ shallower TypeRef, a deeper typeDepth', async () => {
    const variants = [
      getIntrospectionQuery(),
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
      getIntrospectionQuery({ descriptions: false, typeDepth: 7 }),
      getIntrospectionQuery({ inputValueDeprecation: true, typeDepth: 14 }),
    ];
    for (const query of variants) {
      const { body } = await dev.gql(query);
      expect(body.errors).toBeUndefined();
      expect(body.data.__schema.queryType).toEqual({ name: 'Query', kind: 'OBJECT' });
    }
  });

  test('GraphQL Code Generator loads the schema from the running gateway', async () => {
    const [output] = await generate({ schema: `${dev.url}/graphql`, generates: { 'schema.graphql': { plugins: ['schema-ast'] } }, silent: true }, false);
    // Its default query leaves out specifiedByURL, so the scalar's @specifiedBy is all it lacks.
    expect(`${printSchema(lexicographicSortSchema(buildSchema(output.content)))}\n`).toBe(PRINTED_SCHEMA.replace(/ @specifiedBy\(url: "[^"]+"\)/g, ''));
  });
});

describe('abusive introspection is still refused', () => {
  const ofTypes = (levels: number) => `${'ofType { '.repeat(levels)}name${' }'.repeat(levels)}`;

  test(`ofType nested 25 times is QUERY_TOO_DEEP (introspection: at most ${INTROSPECTION_MAX_DEPTH} fields deep), over HTTP and graphql-ws`, async () => {
    const deep = `{ __type(name: "Query") { fields { type { ${ofTypes(25)} } } } }`;
    const { status, body } = await dev.gql(deep);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: `The operation's introspection (__schema, __type) is 29 fields deep; at most ${INTROSPECTION_MAX_DEPTH} are allowed`,
      extensions: { code: 'QUERY_TOO_DEEP', limit: INTROSPECTION_MAX_DEPTH, actual: 29 },
    });
    const socket = await runOver(devSocket(), deep);
    expect(socket.refused[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: INTROSPECTION_MAX_DEPTH, actual: 29 });
    // A chain as deep as the standard TypeRef's answers.
    expect((await dev.gql(`{ __type(name: "Query") { fields { type { ${ofTypes(9)} } } } }`)).body.errors).toBeUndefined();
  });

  test('a cycle through fields { type { fields … } } is refused by the introspection cost, three deep and two deep', async () => {
    const threeDeep = await dev.gql('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(threeDeep.status).toBe(400);
    // The shape limits run before graphql's validation (whose MaxIntrospectionDepthRule would refuse it too).
    expect(threeDeep.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(threeDeep.body.errors[0].message).toMatch(/^The operation's introspection \(__schema, __type\) would cost \d+; at most \d+ is allowed/);
    const twoDeep = await dev.gql('{ __schema { types { fields { type { fields { args { name } type { name } } } } } } }');
    expect(twoDeep.status).toBe(400);
    expect(twoDeep.body.errors[0].message).toMatch(/^The operation's introspection \(__schema, __type\) would cost \d+; at most \d+ is allowed \(2 times the standard introspection query\)$/);
    expect(twoDeep.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: expect.any(Number), actual: expect.any(Number) });
    const socket = await runOver(devSocket(), '{ __schema { types { fields { type { fields { args { name } type { name } } } } } } }');
    expect(socket.refused[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  test('aliased copies of the schema are refused: three by the introspection cost, twenty-five by the root-field limit, wide lists by the cost', async () => {
    const copies = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { types { ...FullType } }`).join(' ')} } ${FRAGMENTS}`;
    expect((await dev.gql(copies(1))).body.errors).toBeUndefined();
    const three = await dev.gql(copies(3));
    expect(three.status).toBe(400);
    expect(three.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(three.body.errors[0].extensions.actual).toBeGreaterThan(three.body.errors[0].extensions.limit);
    expect((await dev.gql(copies(25))).body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ROOT_FIELDS', limit: 20, actual: 25 });
    const wide = `{ __schema { ${Array.from({ length: 3 }, (_, i) => `t${i}: types { ...FullType }`).join(' ')} } } ${FRAGMENTS}`;
    expect((await dev.gql(wide)).body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = `{ __schema { ${Array.from({ length: 31 }, (_, i) => `t${i}: queryType { name }`).join(' ')} } }`;
    expect((await dev.gql(aliases)).body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 30, actual: 31 });
  });
});

describe('where introspection is off (production)', () => {
  test('the standard query is refused over HTTP and graphql-ws; __typename answers on both', async () => {
    const http = await prod.gql(EVERY_OPTION);
    expect(http.status).toBe(400);
    expect(http.body.data).toBeUndefined();
    expect(http.body.errors[0]).toMatchObject({ message: expect.stringMatching(/introspection is not allowed/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const client = prodSocket();
    const socket = await runOver(client, EVERY_OPTION);
    expect(socket.refused[0].message).toMatch(/introspection has been disabled.*"__schema"/);
    expect((await prod.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    expect(await runOver(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });
});
