import { type KyselyPlugin, type RootOperationNode, TableNode, UpdateQueryNode } from 'kysely';
import { claimDueDeliveries } from '../../src/domains/webhooks/delivery.repository';
import { startWebhookDispatcher, type WebhookDispatcher } from '../../src/domains/webhooks/dispatcher.worker';
import type { Database } from '../../src/db/connection';
import { freshDatabase, type FreshDatabase, testDialect } from '../support/dialect';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { addSubscription, newSecret, type Receiver, sleep, startReceiver, waitFor } from './receiver';

const DISPATCHERS = 3;
const BACKLOG = 200;
const LIVE = 100;
const BATCH = 50;

/**
 * PostgreSQL: one gateway per dispatcher, each with its own pool, over one database, as separate
 * instances run. SQLite has one writer at a time and only one instance dispatches there, so its
 * dispatchers share one gateway: they still race for the same rows.
 */
const GATEWAYS = testDialect() === 'postgres' ? DISPATCHERS : 1;

/** Records the ids each claim of `db`'s dispatcher leased: the UPDATE of webhook_deliveries that returns ids. */
function observingClaims(db: Database, claimed: number[]): Database {
  const claims = new WeakSet<object>();
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }): RootOperationNode {
      if (UpdateQueryNode.is(node) && node.returning && node.table && TableNode.is(node.table) && node.table.table.identifier.name === 'webhook_deliveries') claims.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (claims.has(queryId)) claimed.push(...result.rows.map((row) => row.id as number));
      return result;
    },
  };
  return db.withPlugin(plugin);
}

/** Creates `count` users from `from` in documents of BATCH aliased createUser mutations, spread over the gateways. */
async function createUsers(gateways: TestGateway[], tokens: string[], from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += BATCH) {
    const n = (start / BATCH) % gateways.length;
    const fields = Array.from(
      { length: Math.min(BATCH, from + count - start) },
      (_, i) => `u${start + i}: createUser(input: { username: "multi${start + i}", email: "multi${start + i}@example.com" }) { id }`,
    );
    const made = await gateways[n].gql(`mutation { ${fields.join('\n')} }`, {}, tokens[n]);
    expect(made.body.errors).toBeUndefined();
  }
}

let shared: FreshDatabase | null = null;
const gateways: TestGateway[] = [];
const dispatchers: WebhookDispatcher[] = [];
let receiver: Receiver;
const secret = newSecret();

beforeAll(async () => {
  if (GATEWAYS > 1) shared = await freshDatabase();
  for (let i = 0; i < GATEWAYS; i += 1) {
    // The test runs the dispatchers itself, to see what each one claims.
    gateways.push(
      await startTestGateway({ ...(shared ? { DATABASE_URL: shared.url } : {}), WEBHOOK_DISPATCH: '0', WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', QUERY_MAX_ALIASES: '100', QUERY_MAX_ROOT_FIELDS: '100' }),
    );
  }
  receiver = await startReceiver(secret);
  await addSubscription(gateways[0].app.database.db, { targetUrl: receiver.url, events: ['member.joined'], secret });
});
const stopDispatchers = () => Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
afterAll(async () => {
  await stopDispatchers();
  for (const gateway of gateways) await gateway.close();
  await shared?.dispose();
  await receiver?.close();
});

test(`${DISPATCHERS} dispatchers over ${BACKLOG + LIVE} deliveries: each sent once, claims disjoint`, async () => {
  const tokens = await Promise.all(
    gateways.map(async (gateway) => (await gateway.gql('mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD })).body.data.login.token as string),
  );
  await createUsers(gateways, tokens, 0, BACKLOG);
  const claimed = Array.from({ length: DISPATCHERS }, () => [] as number[]);
  const errors: unknown[] = [];
  for (let i = 0; i < DISPATCHERS; i += 1) {
    const { services } = gateways[i % GATEWAYS].app.gateway;
    dispatchers.push(startWebhookDispatcher({ ...services, db: observingClaims(services.db, claimed[i]) }, (error) => errors.push(error)));
  }
  await createUsers(gateways, tokens, BACKLOG, LIVE);

  const db = gateways[0].app.database.db;
  const deliveries = await db.selectFrom('webhook_deliveries').select(['id', 'message_id']).execute();
  expect(deliveries).toHaveLength(BACKLOG + LIVE);
  const everySent = () => new Set(receiver.received.map((r) => r.id)).size >= deliveries.length;
  await waitFor(everySent, 30000, 'every delivery received');
  await waitFor(async () => (await db.selectFrom('webhook_deliveries').select('id').where('status', '!=', 'delivered').execute()).length === 0, 5000, 'every delivery marked delivered');
  await sleep(300); // a double send would arrive by now

  expect(errors).toEqual([]);
  expect(receiver.received.every((r) => r.verified)).toBe(true);
  const sent = receiver.received.map((r) => r.id);
  expect(new Set(sent).size).toBe(sent.length);
  expect(new Set(sent)).toEqual(new Set(deliveries.map((d) => d.message_id)));
  const everyClaim = claimed.flat();
  expect(new Set(everyClaim).size).toBe(everyClaim.length);
  expect(new Set(everyClaim)).toEqual(new Set(deliveries.map((d) => d.id)));
  if (testDialect() === 'postgres') for (const ids of claimed) expect(ids.length).toBeGreaterThan(0);
  await stopDispatchers();
  console.log(`${testDialect()}: ${DISPATCHERS} dispatchers claimed ${claimed.map((ids) => ids.length).join(' / ')} of ${deliveries.length} deliveries`);
}, 60000);

test('concurrent claims of one backlog return disjoint ids', async () => {
  const db = gateways[0].app.database.db;
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: new Date(0).toISOString(), claimed_until: null })
    .execute();
  const claims = await Promise.all(Array.from({ length: 8 }, () => claimDueDeliveries(db, 30, 60_000)));
  const ids = claims.flat();
  expect(new Set(ids).size).toBe(ids.length);
  expect(claims.filter((claim) => claim.length > 0).length).toBeGreaterThan(1);
  const leased = await db.selectFrom('webhook_deliveries').select('id').where('claimed_until', 'is not', null).execute();
  expect(new Set(leased.map((row) => row.id))).toEqual(new Set(ids));
});
