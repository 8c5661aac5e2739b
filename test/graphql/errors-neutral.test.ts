import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GraphQLError, locatedError } from 'graphql';
import { sql } from 'kysely';
import ts from 'typescript';
import { AppError, ErrorCode, RateLimitedError, UnauthenticatedError } from '../../src/errors';
import { asGraphQLError, isExpectedError, toGraphQLError } from '../../src/graphql/graphql-errors';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';

const SRC = resolve(__dirname, '../../src');
const GRAPHQL_PACKAGES = /^(graphql|type-graphql|@apollo\/[^/]+|@as-integrations\/[^/]+|graphql-[^/]+)(\/|$)/;

/** The file a relative import names, as TypeScript resolves it (a `.ts` file or a folder's index). */
function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (readFileSync(candidate) && candidate.endsWith('.ts')) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Every package `entry` reaches through its relative imports (type-only ones too), with the path that gets there. */
function packagesReached(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...trail, file.slice(SRC.length + 1)];
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (target) walk(target, here);
      } else if (!reached.has(spec)) {
        reached.set(spec, here);
      }
    }
  };
  for (const entry of entries) walk(entry, []);
  return reached;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? tsFilesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

test('src/errors.ts and src/db/ reach nothing of graphql, Apollo or type-graphql, even through other modules', () => {
  const graphqlOnes = (entries: string[]) => [...packagesReached(entries)].filter(([spec]) => GRAPHQL_PACKAGES.test(spec)).map(([spec, trail]) => `${spec} via ${trail.join(' → ')}`);
  expect(graphqlOnes([join(SRC, 'errors.ts')])).toEqual([]);
  expect(graphqlOnes(tsFilesUnder(join(SRC, 'db')))).toEqual([]);
  // The walk does see packages: kysely from src/db/.
  expect([...packagesReached(tsFilesUnder(join(SRC, 'db'))).keys()]).toContain('kysely');
});

test('an AppError becomes the GraphQLError graphql-js would wrap it in: same message and extensions', () => {
  const error = new RateLimitedError('Slow down', 7);
  expect(error).toBeInstanceOf(AppError);
  expect(error).not.toBeInstanceOf(GraphQLError);
  expect(error.extensions).toEqual({ code: ErrorCode.RateLimited, retryAfter: 7, http: { status: 429, headers: new Map([['retry-after', '7']]) } });
  const mapped = toGraphQLError(error);
  expect(mapped).toBeInstanceOf(GraphQLError);
  expect(mapped.originalError).toBe(error);
  expect(mapped.toJSON()).toEqual(locatedError(error, undefined, undefined).toJSON());
  expect(toGraphQLError(new UnauthenticatedError()).toJSON()).toEqual({ message: 'You must be signed in', extensions: { code: 'UNAUTHENTICATED' } });
  expect(asGraphQLError(mapped)).toBe(mapped);
  const fault = new Error('disk on fire');
  expect(() => asGraphQLError(fault)).toThrow(fault);
  expect([error, mapped, fault].map(isExpectedError)).toEqual([true, true, false]);
});

describe('errors thrown by resolvers and faults, over HTTP and WebSocket', () => {
  const LOGIN = 'mutation L($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }';
  const BAD_CURSOR = '{ boards(first: 1, after: "not-a-cursor") { edges { cursor } } }';
  const FAULT = '{ roles { id: databaseId } }';
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ LOGIN_MAX_FAILURES: '2', LOGIN_FAILURE_WINDOW_SECONDS: '600' });
  });
  afterAll(() => closeGateway(gw));

  const overHttp = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  };
  const overSocket = (token: string, query: string, variables?: Record<string, unknown>) =>
    new Promise<any>((resolvePromise, reject) => {
      let result: unknown;
      wsClient(gw, { token }).subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolvePromise(result) });
    });
  /** The plain Error a resolver meets when its table is gone, for the duration of `work`. */
  const withFault = async <T>(work: () => Promise<T>): Promise<T> => {
    await sql`alter table roles rename to roles_away`.execute(gw.app.database.db);
    try {
      return await work();
    } finally {
      await sql`alter table roles_away rename to roles`.execute(gw.app.database.db);
    }
  };

  test('RATE_LIMITED keeps its message, retryAfter, 429 and Retry-After over HTTP, and its code and retryAfter over WebSocket', async () => {
    const member = await gw.member('neutral1', 'right-password-1');
    for (const password of ['wrong-1', 'wrong-2']) expect((await overHttp(LOGIN, { login: 'neutral1', password })).body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const http = await overHttp(LOGIN, { login: 'neutral1', password: 'right-password-1' });
    expect(http.status).toBe(429);
    const wait = Number(http.retryAfter);
    expect(wait).toBeGreaterThan(0);
    expect(http.body).toEqual({
      errors: [{ message: `Too many failed sign-ins: try again in ${wait} s`, locations: [{ line: 1, column: 51 }], path: ['login'], extensions: { code: 'RATE_LIMITED', retryAfter: wait } }],
      data: null,
    });
    const socket = await overSocket(member.token, LOGIN, { login: 'neutral1', password: 'right-password-1' });
    expect(socket.data).toBeNull();
    expect(socket.errors).toHaveLength(1);
    expect(socket.errors[0]).toMatchObject({ message: expect.stringMatching(/^Too many failed sign-ins: try again in \d+ s$/), path: ['login'] });
    expect(socket.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // As before this change: the socket's frame carries the error's extensions as they are, `http` included (no status on a socket).
    expect(socket.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: socket.errors[0].extensions.retryAfter, http: { status: 429, headers: {} } });
  });

  test('BAD_USER_INPUT keeps its field over HTTP (status 200) and over WebSocket', async () => {
    const member = await gw.member('neutral2');
    const expected = [{ message: 'after is not a cursor this list gave out', locations: [{ line: 1, column: 3 }], path: ['boards'], extensions: { code: 'BAD_USER_INPUT', field: 'after' } }];
    const http = await overHttp(BAD_CURSOR, undefined, member.token);
    expect(http.status).toBe(200);
    expect(http.retryAfter).toBeNull();
    expect(http.body.errors).toEqual(expected);
    expect((await overSocket(member.token, BAD_CURSOR)).errors).toEqual(expected);
  });

  test('a plain Error from a resolver is masked over HTTP and WebSocket, with a request id and no cause', async () => {
    const member = await gw.member('neutral3');
    const [http, socket] = await withFault(async () => [await overHttp(FAULT, undefined, member.token), await overSocket(member.token, FAULT)]);
    const masked = { message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['roles'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } };
    expect(http.status).toBe(200);
    expect(http.body).toEqual({ errors: [masked], data: null });
    expect(socket).toEqual({ errors: [masked], data: null });
    expect(JSON.stringify([http.body, socket])).not.toMatch(/roles_away|no such table|does not exist/);
  });
});
