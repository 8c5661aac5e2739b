import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrations } from '../../migrations';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';

test('migrations build the whole unified model on a file database with WAL and foreign keys', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-mig-'));
  const handle = openDatabase(`sqlite:${dir}/nested/test.db`);
  try {
    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      'users',
      'access_tokens',
      'api_keys',
      'roles',
      'packages',
      'follows',
      'blocks',
      'posts',
      'comments',
      'replies',
      'reactions',
      'boards',
      'board_members',
      'tags',
      'tag_mappings',
      'chats',
      'chat_participants',
      'messages',
      'message_stars',
      'pages',
      'groups',
      'events',
      'products',
      'stories',
      'articles',
      'albums',
      'movies',
      'notifications',
      'activities',
      'subscribers',
      'labels',
      'subscriber_labels',
      'contact_groups',
      'contacts',
      'flow_campaigns',
      'flow_questions',
      'flow_answers',
      'webhook_subscriptions',
      'webhook_events',
      'webhook_deliveries',
    ]) {
      expect(tables).toContain(table);
    }
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    const now = new Date().toISOString();
    // better-sqlite3's error class comes from the first Jest context that loaded it, so match the
    // message rather than relying on `instanceof Error`.
    await expect(handle.db.insertInto('users').values({ sid: 's', username: 'a', username_key: 'a', role_id: 99, created_at: now, updated_at: now }).execute()).rejects.toMatchObject({
      message: expect.stringMatching(/FOREIGN KEY/),
    });
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every migration can be rolled back in reverse order', async () => {
  const handle = openDatabase('sqlite::memory:');
  try {
    await migrateToLatest(handle.db);
    for (const migration of Object.values(migrations).reverse()) await migration.down!(handle.db);
    const left = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(left).toEqual([]);
  } finally {
    await handle.close();
  }
});
