import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

test('presenceChanged pushes a status set through the chat REST API, once, to an authenticated socket', async () => {
  const watcher = await gw.member('watcher');
  const target = await gw.member('target');
  const bystander = await gw.member('bystander');
  const ws = wsClient(gw, { Authorization: `Bearer ${watcher.token}` });
  const received: unknown[] = [];
  const subscription = ws.iterate({ query: `subscription { presenceChanged(userIds: ["${toGlobalId('User', target.id)}"]) { userId: userDatabaseId presence } }` });
  const reading = (async () => {
    for await (const result of subscription) {
      received.push(result.data);
      if (received.length === 1) break;
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  await gw.http('POST', `/api/users/${bystander.id}/set-status/online`, { headers: { authorization: `Bearer ${bystander.token}` } });
  await gw.http('POST', `/api/users/${target.id}/set-status/online`, { headers: { authorization: `Bearer ${target.token}` } });
  await reading;
  expect(received).toEqual([{ presenceChanged: { userId: target.id, presence: 'ONLINE' } }]);
});

test('a socket without credentials, or with a bad token, is closed with 4403 Forbidden', async () => {
  for (const params of [{}, { Authorization: 'Bearer not-a-token' }]) {
    const code = await new Promise<number>((resolve) => {
      const ws = wsClient(gw, params, { onClose: resolve });
      ws.subscribe({ query: 'subscription { presenceChanged(userIds: ["VXNlcjox"]) { userId: userDatabaseId } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(code).toBe(4403);
  }
});

test('a query over the socket sees the same viewer as HTTP', async () => {
  const me = await gw.member('socketuser');
  const ws = wsClient(gw, { token: me.token });
  const result = await new Promise((resolve, reject) => {
    ws.subscribe({ query: '{ viewer { username } }' }, { next: resolve, error: reject, complete: () => undefined });
  });
  expect(result).toEqual({ data: { viewer: { username: 'socketuser' } } });
});
