import { sql } from 'kysely';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ NODE_ENV: 'production' });
});
afterAll(() => closeGateway(gw));

test('over WebSocket, a fault is masked with its request id as over HTTP, and its cause logged; refusals keep their message', async () => {
  const member = await gw.member('wsmask1');
  const client = wsClient(gw, { token: member.token });
  const run = (query: string) =>
    new Promise<any>((resolve, reject) => {
      let result: unknown;
      client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
    });
  await sql`alter table roles rename to roles_gone`.execute(gw.app.database.db);
  let faulty: any;
  try {
    faulty = await run('{ roles { id: databaseId } }');
  } finally {
    await sql`alter table roles_gone rename to roles`.execute(gw.app.database.db);
  }
  expect(faulty.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['roles'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } }]);
  expect(JSON.stringify(faulty)).not.toMatch(/no such table|does not exist|roles_gone/);
  const logged = gw.logLines.filter((line) => line.includes('over WebSocket'));
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain(faulty.errors[0].extensions.requestId);
  expect(logged[0]).toMatch(/no such table|does not exist/);
  const refused = await run(`{ user(id: "${toGlobalId('User', 999999)}") { id: databaseId } chat(id: 999999) { id: databaseId } }`);
  expect(JSON.stringify(refused)).not.toContain('Internal server error');
});
