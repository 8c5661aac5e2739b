import { toGlobalId } from '../../src/graphql/node';
import { encodeCursor } from '../../src/graphql/connection';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const codes = (body: any) => (body.errors ?? []).map((e: any) => e.extensions?.code);

test('crafted global ids never fault', async () => {
  const member = await gw.member('idprobe');
  const ids = [
    toGlobalId('Post', 2 ** 31),
    toGlobalId('Post', 999_999_999_999_999),
    toGlobalId('User', -1),
    toGlobalId('Chat', 2 ** 31),
    toGlobalId('Message', 2 ** 40),
    toGlobalId('Session', 2 ** 33),
    toGlobalId('ApiKey', 2 ** 33),
    toGlobalId('Story', 2 ** 33),
    toGlobalId('Tag', 2 ** 33),
    toGlobalId('Contact', 2 ** 33),
    toGlobalId('Board', 2 ** 33),
    toGlobalId('Notification', 2 ** 33),
    toGlobalId('WebhookDelivery', 2 ** 33),
    b64('Post:1e3'),
    b64('Post:0x10'),
    b64('Post: 1'),
    b64('Pöst:1'),
    'x'.repeat(10_000),
    b64('__proto__:1'),
    b64('constructor:1'),
    b64('toString:1'),
  ];
  const bad: unknown[] = [];
  for (const id of ids) {
    const res = await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id }, member.token);
    if (res.status >= 500 || codes(res.body).some((c: string) => !c || c === 'INTERNAL_SERVER_ERROR')) bad.push({ id, status: res.status, errors: res.body.errors });
  }
  expect(bad).toEqual([]);
});

test('crafted cursors never fault', async () => {
  const member = await gw.member('curprobe');
  const cursors = [
    encodeCursor([2 ** 40]),
    encodeCursor([Number.MAX_SAFE_INTEGER]),
    encodeCursor([-1]),
    encodeCursor(["1' or 1=1 --"]),
    encodeCursor([2 ** 40, 2 ** 40]),
    encodeCursor(['a', 2 ** 40]),
    encodeCursor([1, 'x', 2 ** 40]),
    encodeCursor([2 ** 40, 'x', 1]),
    encodeCursor([1, 'x\u0000', 1]),
    encodeCursor(['x\u0000', 1]),
  ];
  const queries = [
    'query($c: String) { posts(after: $c) { nodes { id } } }',
    'query($c: String) { chats(after: $c) { nodes { id } } }',
    'query($c: String) { boards(after: $c) { nodes { id } } }',
    'query($c: String) { notifications(after: $c) { nodes { id } } }',
    'query($c: String) { apiKeys(after: $c) { nodes { id } } }',
    'query($c: String) { viewer { followers(after: $c) { nodes { id } } } }',
  ];
  const bad: unknown[] = [];
  for (const q of queries)
    for (const c of cursors) {
      const res = await gw.gql(q, { c }, member.token);
      if (res.status >= 500 || codes(res.body).some((c: string) => !c || c === 'INTERNAL_SERVER_ERROR')) bad.push({ q, c, status: res.status, errors: res.body.errors });
    }
  expect(bad).toEqual([]);
});
