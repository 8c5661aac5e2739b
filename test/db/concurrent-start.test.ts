import { freshDatabase, testDialect } from '../support/dialect';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Several instances started at once on one new PostgreSQL database take turns to migrate, make the
 * admin and seed (src/db/startup-lock.ts): every one comes up, and there is one admin, one server
 * key and one copy of the demo data. (SQLite has one process per file in practice: skipped.)
 */
const onPostgres = testDialect() === 'postgres' ? test : test.skip;

onPostgres(
  'three instances started together on a new database: all serve, one admin, one server key, demo data once',
  async () => {
    const database = await freshDatabase();
    const gateways: TestGateway[] = [];
    try {
      // SEED_DEMO unset: each instance seeds only if it finds the database new.
      const starts = await Promise.allSettled([1, 2, 3].map(() => startTestGateway({ DATABASE_URL: database.url, SEED_DEMO: '', SERVER_KEY: '' })));
      for (const start of starts) if (start.status === 'fulfilled') gateways.push(start.value);
      expect(starts.map((start) => (start.status === 'rejected' ? String(start.reason) : 'started'))).toEqual(['started', 'started', 'started']);
      expect(gateways.map((gw) => gw.app.seeded).sort()).toEqual([false, false, true]);
      expect(new Set(gateways.map((gw) => gw.app.boot.serverKey)).size).toBe(1);
      expect(gateways.filter((gw) => gw.app.boot.admin !== null)).toHaveLength(1);
      const db = gateways[0].app.database.db;
      const admins = await db.selectFrom('users').select('id').where('role_id', '=', 1).execute();
      expect(admins).toHaveLength(1);
      const demo = await db.selectFrom('users').select('username').where('username', '=', 'demo_free').execute();
      expect(demo).toHaveLength(1);
      for (const gw of gateways) expect((await gw.http('GET', '/healthz')).status).toBe(200);
    } finally {
      for (const gw of gateways) await gw.close();
      await database.dispose();
    }
  },
  120_000,
);
