import Sqlite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { copyDatabase } from '../../src/cli/db-copy';
import { DEMO_PASSWORD } from '../../src/seed/demo';
import { freshDatabase, type FreshDatabase, testDialect } from '../support/dialect';
import { startTestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';

/** Messages added to the demo data: more than one INSERT batch, the first replying to the last. */
const EXTRA_MESSAGES = 1200;

/** Runs `npm run db:copy`'s entry point (from source, without the build) and collects what it printed. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/db-copy.ts', ...args], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Row counts of every table of the model in the SQLite file. */
function sqliteCounts(file: string, tables: string[]): Record<string, number> {
  const sqlite = new Sqlite(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n]));
  } finally {
    sqlite.close();
  }
}

async function pgRows(url: string, statement: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: (oid: number, format?: any) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

const onPostgres = testDialect() === 'postgres' ? describe : describe.skip;

onPostgres('npm run db:copy (PostgreSQL project only: it copies into PostgreSQL)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-copy-'));
  const file = path.join(dir, 'gateway.db');
  const targets: FreshDatabase[] = [];
  let chatId: number;

  beforeAll(async () => {
    const seeded = await startTestGateway({ DATABASE_URL: `sqlite:${file}`, SEED_DEMO: '1' });
    await seeded.close();
    const sqlite = new Sqlite(file);
    const demo = sqlite.prepare("SELECT p.chat_id AS chatId, u.id AS userId FROM chat_participants p JOIN users u ON u.id = p.user_id WHERE u.username = 'demo_free' LIMIT 1").get() as {
      chatId: number;
      userId: number;
    };
    chatId = demo.chatId;
    const insert = sqlite.prepare('INSERT INTO messages (chat_id, sender_id, body, created_at) VALUES (?, ?, ?, ?)');
    const ids = sqlite.transaction(() =>
      Array.from({ length: EXTRA_MESSAGES }, (_, i) => Number(insert.run(demo.chatId, demo.userId, `zebracopy number ${i}`, new Date().toISOString()).lastInsertRowid)),
    )();
    sqlite.prepare('UPDATE messages SET reply_to_id = ? WHERE id = ?').run(ids[ids.length - 1], ids[0]);
    sqlite.close();
  }, 60000);
  afterAll(async () => {
    for (const target of targets) await target.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const target = async () => {
    const made = await freshDatabase();
    targets.push(made);
    return made;
  };

  test('copies every row of the demo data, and a gateway on the copy signs in, searches and inserts', async () => {
    const to = await target();
    const finished = new Map<string, [number, number]>();
    const result = await copyDatabase({ from: `sqlite:${file}`, to: to.url, onProgress: (table, done, total) => finished.set(table, [done, total]) });
    const names = result.tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'messages', 'roles', 'site_settings', 'follows', 'webhook_deliveries']));
    expect(names).not.toContain('messages_fts');
    expect(names.indexOf('roles')).toBeLessThan(names.indexOf('users'));
    expect(names.indexOf('chats')).toBeLessThan(names.indexOf('messages'));

    const expected = sqliteCounts(file, names);
    for (const name of names) {
      const [{ n }] = await pgRows(to.url, `SELECT count(*) AS n FROM "${name}"`);
      expect({ name, rows: n }).toEqual({ name, rows: expected[name] });
      expect(finished.get(name)).toEqual([expected[name], expected[name]]);
    }
    const total = result.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`db:copy of the demo data plus ${EXTRA_MESSAGES} messages: ${total} rows in ${names.length} tables, ${(result.ms / 1000).toFixed(2)} s`);

    const sqlite = new Sqlite(file, { readonly: true });
    for (const table of ['users', 'messages', 'posts', 'packages', 'contacts']) {
      expect(await pgRows(to.url, `SELECT * FROM "${table}" ORDER BY id`)).toEqual(sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all());
    }
    expect(await pgRows(to.url, 'SELECT * FROM site_settings ORDER BY 1')).toEqual(sqlite.prepare('SELECT * FROM site_settings ORDER BY 1').all());
    const maxUser = (sqlite.prepare('SELECT max(id) AS id FROM users').get() as { id: number }).id;
    sqlite.close();
    expect((await pgRows(to.url, 'SELECT count(*) AS n FROM messages_fts'))[0].n).toBe(expected.messages);

    const gw = await startTestGateway({ DATABASE_URL: to.url });
    try {
      const login = await gw.gql('mutation($p: String!) { login(input: { login: "demo_free", password: $p }) { token } }', { p: DEMO_PASSWORD });
      const token = login.body.data.login.token as string;
      const found = await gw.gql('query($c: ID!) { searchMessages(chatId: $c, query: "zebracopy", first: 5) { id: databaseId text } }', { c: toGlobalId('Chat', chatId) }, token);
      expect(found.body.errors).toBeUndefined();
      expect(found.body.data.searchMessages).toHaveLength(5);
      expect(found.body.data.searchMessages[0].text).toMatch(/^zebracopy number/);
      const member = await gw.member('AfterCopy');
      expect(member.id).toBe(maxUser + 1);
    } finally {
      await gw.close();
    }
  }, 60000);

  test('the command refuses a target that already has users and leaves it as it was', async () => {
    const to = await target();
    const first = await runCli(['--from', `sqlite:${file}`, '--to', to.url]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^users (\d+)\/\1$/m);
    expect(first.stdout).toMatch(/copied \d+ rows in \d+ tables to .* in [\d.]+ s/);
    await pgRows(to.url, "UPDATE users SET first_name = 'kept' WHERE username = 'demo_free'");
    const before = await pgRows(to.url, 'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM messages) AS messages');

    const again = await runCli([`sqlite:${file}`, to.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has \d+ users; nothing was copied/);
    expect(await pgRows(to.url, 'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM messages) AS messages')).toEqual(before);
    expect(await pgRows(to.url, "SELECT first_name FROM users WHERE username = 'demo_free'")).toEqual([{ first_name: 'kept' }]);
  }, 60000);

  test('bad arguments print the usage and exit 2', async () => {
    const bad = await runCli(['--to', 'mysql://nowhere']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^usage: npm run db:copy/);
  }, 30000);
});
