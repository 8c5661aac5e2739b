import { startTestGateway, type TestGateway } from '../support/gateway';
import { sleep, waitFor } from '../support/wait';
import { closeGateway } from '../support/ws';
import { addSubscription, newSecret, type Receiver, startReceiver } from '../webhooks/receiver';

/**
 * The gateway's own work (typing-expiry sweep, webhook dispatch) runs its statements as background
 * work, never as the request's that happens to be in flight: statement counts per request stay
 * exact whenever a sweep or a claim falls due, on either dialect.
 */
let gw: TestGateway;
let receiver: Receiver;

beforeAll(async () => {
  gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
  receiver = await startReceiver(newSecret());
  await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['member.joined'], secret: newSecret() });
});
afterAll(async () => {
  await closeGateway(gw);
  await receiver.close();
});

test('a delivery the request caused and the sweeps are background work; the request keeps its own statements', async () => {
  const before = gw.queries.length;
  const member = await gw.member('Background1');
  const requestStatements = gw.queries.slice(before);
  expect(requestStatements.some((sql) => /insert into "users"/.test(sql))).toBe(true);
  expect(requestStatements.some((sql) => /insert into "webhook_deliveries"/.test(sql))).toBe(true);

  await waitFor(() => receiver.received.some((r) => r.payload?.entities?.user?.[0]?.user_id === member.id), 5000, 'the member.joined delivery');
  await waitFor(() => gw.backgroundQueries.some((q) => q.work === 'typing expiry'), 3000, 'a typing-expiry sweep');
  const work = (name: string) => gw.backgroundQueries.filter((q) => q.work === name).map((q) => q.sql);
  expect(work('webhook dispatch')).toEqual(expect.arrayContaining([expect.stringMatching(/claimed_until/), expect.stringMatching(/insert into "webhook_attempts"/)]));
  expect(work('typing expiry')).toEqual(expect.arrayContaining([expect.stringMatching(/^delete from "chat_typing"/)]));
  expect(gw.queries.slice(before).filter((sql) => /claimed_until|"webhook_attempts"|^delete from "chat_typing"/.test(sql))).toEqual([]);

  const idle = gw.queries.length;
  const sweeps = work('typing expiry').length;
  await sleep(1200);
  expect(work('typing expiry').length).toBeGreaterThan(sweeps);
  expect(gw.queries.length).toBe(idle);
});
