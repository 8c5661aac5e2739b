import { attemptDelivery } from '../../src/domains/webhooks/delivery.service';
import { parseRetryAfter, retryDelay, RETRY_DELAYS_MS } from '../../src/domains/webhooks/retry.policy';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '../../src/events/domain-event.catalog';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { addSubscription, deactivateAll, newSecret, type Receiver, startReceiver, waitFor } from './receiver';

const secret = newSecret();

/** An event outside the catalog, so no domain records it and only these tests' subscriptions want it. */
const TEST_PING = 'test.ping' as EventName;

/** Records a `test.ping` event through the real event publisher (the outbox recorder runs inside its transaction). */
async function ping(gw: TestGateway, name: EventName = TEST_PING): Promise<void> {
  const db = gw.app.database.db;
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  await gw.app.gateway.services.events.transaction(db, (unit) => unit.record(name, { user: [admin.id] }));
}

function deliveriesOf(gw: TestGateway, subscriptionId: number) {
  return gw.app.database.db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute();
}

function attemptsOf(gw: TestGateway, deliveryId: number) {
  return gw.app.database.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
}

test('the schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first attempt, scaled, ±10%, then none', () => {
  expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
  expect(retryDelay(1, 1, null, () => 0)).toBe(4500);
  expect(retryDelay(1, 1, null, () => 1)).toBe(5500);
  expect(retryDelay(2, 0.5, null, () => 0.5)).toBe(150_000);
  expect(retryDelay(7, 1, null, () => 0.5)).toBe(36_000_000);
  expect(retryDelay(8, 1)).toBeNull();
  expect(retryDelay(1, 0.01, 120_000)).toBe(1200);
  expect(parseRetryAfter('120')).toBe(120_000);
  expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString(), Date.now())).toBeGreaterThan(58_000);
  expect(parseRetryAfter('soon')).toBeNull();
});

describe('retries against a real receiver (WEBHOOK_DELAY_SCALE=0.002)', () => {
  let gw: TestGateway;
  let receiver: Receiver | null = null;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.002' });
  });
  afterEach(async () => {
    await deactivateAll(gw.app.database.db);
    await receiver?.close();
    receiver = null;
  });
  afterAll(() => gw.close());

  test('a receiver failing twice gets the same signed message three times, 10 ms then 600 ms apart', async () => {
    receiver = await startReceiver(secret, (n) => (n < 2 ? { status: 500, body: `boom ${n}` } : { status: 200, body: 'ok' }));
    const sub = await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['test.ping'], secret });
    await ping(gw);
    const [delivery] = await waitForDelivery(gw, sub, 'delivered');
    const got = receiver.received;
    expect(got).toHaveLength(3);
    expect(got.every((r) => r.verified && r.id === delivery.message_id)).toBe(true);
    const gaps = [got[1].at - got[0].at, got[2].at - got[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(8);
    expect(gaps[0]).toBeLessThan(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(535);
    expect(gaps[1]).toBeLessThan(1000);
    expect(delivery.attempt_count).toBe(3);
    const attempts = await attemptsOf(gw, delivery.id);
    expect(attempts.map((a) => [a.status_code, a.error, a.response_excerpt])).toEqual([
      [500, 'HTTP 500', 'boom 0'],
      [500, 'HTTP 500', 'boom 1'],
      [200, null, 'ok'],
    ]);
    const subscription = await gw.app.database.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', sub).executeTakeFirstOrThrow();
    expect(subscription.failing_since).toBeNull();
  });

  test('a 3xx is a failure and its Location is not followed', async () => {
    const elsewhere = await startReceiver(secret);
    try {
      receiver = await startReceiver(secret, (n) => (n === 0 ? { status: 302, headers: { location: elsewhere.url } } : { status: 204 }));
      const sub = await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['test.ping'], secret });
      await ping(gw);
      const [delivery] = await waitForDelivery(gw, sub, 'delivered');
      expect((await attemptsOf(gw, delivery.id)).map((a) => [a.status_code, a.error])).toEqual([
        [302, 'HTTP 302: redirects are not followed'],
        [204, null],
      ]);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  test('410 Gone disables the subscription and cancels its other pending deliveries', async () => {
    receiver = await startReceiver(secret, () => ({ status: 410 }));
    const db = gw.app.database.db;
    const sub = await addSubscription(db, { targetUrl: receiver.url, events: ['test.ping'], secret });
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await gw.app.gateway.services.events.transaction(db, async (unit) => {
      await unit.record(TEST_PING, { user: [admin.id] });
      const later = new Date(Date.now() + 3600_000).toISOString();
      await unit.trx.updateTable('webhook_deliveries').set({ next_attempt_at: later }).where('subscription_id', '=', sub).execute();
      await unit.record(TEST_PING, { user: [admin.id] });
    });
    await waitFor(async () => (await deliveriesOf(gw, sub)).every((d) => d.status !== 'pending'));
    const subscription = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', sub).executeTakeFirstOrThrow();
    expect(subscription).toMatchObject({ active: 0, disabled_reason: 'the target answered 410 Gone' });
    expect((await deliveriesOf(gw, sub)).map((d) => [d.status, d.attempt_count, d.last_status_code])).toEqual([
      ['cancelled', 0, null],
      ['failed', 1, 410],
    ]);
    expect(receiver.received).toHaveLength(1);
    const count = await gw.count('webhook_events');
    await ping(gw);
    expect(await gw.count('webhook_events')).toBe(count); // nobody wants it any more
  });

  test('Retry-After on 503 (and 429) replaces the schedule, scaled', async () => {
    receiver = await startReceiver(secret, (n) => (n === 0 ? { status: 503, headers: { 'retry-after': '400' } } : n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const sub = await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['test.ping'], secret });
    await ping(gw);
    await waitForDelivery(gw, sub, 'delivered');
    const got = receiver.received;
    expect(got).toHaveLength(3);
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(790); // 400 s × 0.002, not 10 ms
    expect(got[2].at - got[1].at).toBeLessThan(300); // 1 s × 0.002, not 600 ms
  });
});

describe('public targets only, the last attempt, and the 5-day rule (WEBHOOK_DELAY_SCALE=0.00001)', () => {
  let gw: TestGateway;
  let receiver: Receiver;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DELAY_SCALE: '0.00001' });
    receiver = await startReceiver(secret);
  });
  afterEach(() => deactivateAll(gw.app.database.db));
  afterAll(async () => {
    await gw.close();
    await receiver.close();
  });

  test('a private target is refused at delivery time: 8 failed attempts with a clear error, then the delivery fails', async () => {
    const sub = await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['test.ping'], secret });
    await ping(gw);
    const [delivery] = await waitForDelivery(gw, sub, 'failed', 8000);
    const attempts = await attemptsOf(gw, delivery.id);
    expect(attempts).toHaveLength(8);
    expect(delivery.attempt_count).toBe(8);
    expect(attempts.every((a) => a.status_code === null && /^refused: 127\.0\.0\.1 is not a public address/.test(a.error ?? ''))).toBe(true);
    expect(receiver.received).toHaveLength(0);
    const local = await addSubscription(gw.app.database.db, { targetUrl: receiver.url.replace('127.0.0.1', 'localhost'), events: ['test.other'], secret });
    await ping(gw, 'test.other' as EventName);
    await waitFor(async () => (await deliveriesOf(gw, local))[0].attempt_count > 0);
    const [first] = await attemptsOf(gw, (await deliveriesOf(gw, local))[0].id);
    expect(first.error).toMatch(/^refused: localhost is not a public address/);
    expect(receiver.received).toHaveLength(0);
  });

  test('a subscription failing for 5 days (scaled) is disabled and its owner notified', async () => {
    const db = gw.app.database.db;
    const sub = await addSubscription(db, { targetUrl: 'http://10.0.0.1/hook', events: ['test.ping'], secret });
    await db
      .updateTable('webhook_subscriptions')
      .set({ failing_since: new Date(Date.now() - 5000).toISOString() })
      .where('id', '=', sub)
      .execute(); // 5 days × 0.00001 = 4.3 s
    await ping(gw);
    await waitForDelivery(gw, sub, 'failed');
    const subscription = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', sub).executeTakeFirstOrThrow();
    expect(subscription.active).toBe(0);
    expect(subscription.disabled_reason).toMatch(/kept failing since .* \(last: refused: 10\.0\.0\.1/);
    const notes = await db.selectFrom('notifications').selectAll().where('type', '=', 'webhook_disabled').execute();
    expect(notes).toEqual([expect.objectContaining({ recipient_id: subscription.user_id, ref_type: 'webhook_subscription', ref_id: sub })]);
  });
});

async function waitForDelivery(gw: TestGateway, sub: number, status: string, ms = 5000) {
  await waitFor(
    async () => {
      const rows = await deliveriesOf(gw, sub);
      return rows.length > 0 && rows.every((d) => d.status === status);
    },
    ms,
    `deliveries of ${sub} ${status}`,
  );
  return deliveriesOf(gw, sub);
}

describe('ownership and shutdown', () => {
  test('a subscription whose owner is no longer an admin gets no new events, and a pending delivery is cancelled', async () => {
    const gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001', WEBHOOK_DISPATCH: '0' });
    try {
      const db = gw.app.database.db;
      const receiver = await startReceiver(secret);
      const id = await addSubscription(db, { targetUrl: receiver.url, events: ['test.ping'], secret });
      await ping(gw);
      const [pending] = await deliveriesOf(gw, id);
      const demoted = await gw.member('demotedowner');
      await db.updateTable('webhook_subscriptions').set({ user_id: demoted.id }).where('id', '=', id).execute();
      await ping(gw);
      expect(await deliveriesOf(gw, id)).toHaveLength(1);
      await attemptDelivery(gw.app.gateway.services, pending.id);
      expect((await deliveriesOf(gw, id))[0].status).toBe('cancelled');
      expect(receiver.received).toHaveLength(0);
      await receiver.close();
    } finally {
      await gw.close();
    }
  });

  test('stopping the gateway mid-request is not counted as a failed attempt: the delivery stays due', async () => {
    const gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const db = gw.app.database.db;
    try {
      const id = await addSubscription(db, { targetUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hang`, events: ['test.ping'], secret });
      await ping(gw);
      await waitFor(async () => (await deliveriesOf(gw, id))[0]?.claimed_until != null);
      await gw.app.gateway.close(); // stops the dispatcher while the receiver still hangs; the database stays open
      const [delivery] = await deliveriesOf(gw, id);
      expect(delivery).toMatchObject({ status: 'pending', attempt_count: 0, claimed_until: null });
      expect(await attemptsOf(gw, delivery.id)).toEqual([]);
      const subscription = await db.selectFrom('webhook_subscriptions').select('failing_since').where('id', '=', id).executeTakeFirstOrThrow();
      expect(subscription.failing_since).toBeNull();
    } finally {
      hanging.closeAllConnections();
      hanging.close();
      await gw.app.database.close();
    }
  });
});
