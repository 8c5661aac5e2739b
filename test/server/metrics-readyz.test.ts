import { migrations } from '../../migrations';
import { describeWithRedis, TEST_REDIS_URL } from '../redis/two-gateways';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/wait';

const LAST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

describe('/readyz', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => gw.close());

  test('503 naming the migrations not run, then 200 once they have; /healthz stays 200 throughout', async () => {
    const db = gw.app.database.db;
    const row = await db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .where('name' as never, '=', LAST_MIGRATION as never)
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', LAST_MIGRATION as never)
      .execute();
    try {
      const pending = await gw.http('GET', '/readyz');
      expect(pending.status).toBe(503);
      expect(pending.body).toEqual({ status: 'unavailable', reason: `migrations not run: ${LAST_MIGRATION}` });
      expect((await gw.http('GET', '/healthz')).status).toBe(200);
    } finally {
      await db
        .insertInto('kysely_migration' as never)
        .values(row)
        .execute();
    }
    const ready = await gw.http('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  test('503 once the database no longer answers', async () => {
    expect((await gw.http('GET', '/readyz')).status).toBe(200);
    await gw.app.database.close();
    const res = await gw.http('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', reason: 'database did not answer' });
  });
});

describeWithRedis('/readyz with REDIS_URL', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: TEST_REDIS_URL!, REDIS_PREFIX: `readyz-${process.pid}:`, WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => gw.close());

  test('200 while both Redis connections are ready, 503 once one is gone; /healthz says so and stays 200', async () => {
    expect((await gw.http('GET', '/readyz')).status).toBe(200);
    const { subscriber } = gw.app.gateway.services.redis!;
    subscriber.disconnect();
    await waitFor(() => subscriber.status !== 'ready', 5000, 'the subscriber connection to close');
    const res = await gw.http('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', reason: 'redis is not ready' });
    const health = await gw.http('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body.redis).toBe('unavailable');
  });
});
