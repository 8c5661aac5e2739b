import Sqlite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** Filler posts written straight into the file before the load: enough pages that the copy takes many steps. */
const FILLER_POSTS = 12000;
/** Pages per backup step: small, so the copy spans many event-loop turns while the load writes. */
const STEP_PAGES = '4';
/** Writes acknowledged before the backup starts. */
const WRITES_BEFORE = 40;

const CREATE_POST = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id databaseId } }';

interface Write {
  content: string;
  sentAt: number;
  ackAt: number;
  id: string;
  databaseId: number;
}

/** A CLI still running after this long is killed (a backup that restarts for ever fails here, not at Jest's timeout). */
const CLI_TIMEOUT_MS = 45000;

/** Runs a CLI of src/cli from source (no build), calling onLine for each stdout line as it arrives. */
function runCli(script: string, args: string[], env: Record<string, string>, onLine: (line: string) => void = () => undefined) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', `src/cli/${script}`, ...args], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, ...env } });
  const killer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('npm run db:backup and db:restore (SQLite only)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-backup-'));
  const file = path.join(dir, 'gateway.db');
  const env = { DATABASE_URL: `sqlite:${file}` };
  let gateway: TestGateway;
  let writer: { id: number; token: string };

  beforeAll(async () => {
    gateway = await startTestGateway({ ...env, WEBHOOK_DISPATCH: '0' });
    writer = await gateway.member('backupWriter');
    const sqlite = new Sqlite(file);
    sqlite.pragma('busy_timeout = 5000');
    const insert = sqlite.prepare('INSERT INTO posts (user_id, content, clean_text, post_short_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const now = new Date().toISOString();
    const body = 'filler '.repeat(300);
    sqlite.transaction(() => {
      for (let i = 0; i < FILLER_POSTS; i++) insert.run(writer.id, body, body, 'filler', now, now);
    })();
    sqlite.close();
  }, 60000);
  afterAll(async () => {
    await gateway?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = async (n: number): Promise<Write> => {
    const content = `backup load ${n}`;
    const sentAt = performance.now();
    const { body } = await gateway.gql(CREATE_POST, { input: { content } }, writer.token);
    if (!body.data?.createPost) throw new Error(`createPost failed: ${JSON.stringify(body)}`);
    return { content, sentAt, ackAt: performance.now(), id: body.data.createPost.id, databaseId: body.data.createPost.databaseId };
  };

  test('a backup taken under a steady write load holds every write acknowledged before it began and none sent after its snapshot; restored, a gateway serves them', async () => {
    const writes: Write[] = [];
    let n = 0;
    for (let i = 0; i < WRITES_BEFORE; i++) writes.push(await write(n++));

    let stop = false;
    const load = Promise.all(
      [0, 1].map(async () => {
        while (!stop) writes.push(await write(n++));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const target = path.join(dir, 'backup.db');
    const startedAt = performance.now();
    let snapshotSeenAt = Infinity;
    const run = await runCli('db-backup.ts', [target, '--step', STEP_PAGES], env, (line) => {
      if (line.startsWith('snapshot of')) snapshotSeenAt = performance.now();
    });
    const endedAt = performance.now();
    stop = true;
    await load;

    expect(run.stderr).toMatch(/^pages \d+\/\d+$/m);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^integrity_check: ok$/m);
    expect(run.stdout).toMatch(/^backed up \d+ pages/m);
    expect(snapshotSeenAt).toBeLessThan(endedAt);
    const steps = run.stderr.split('\n').filter((line) => line.startsWith('pages ')).length;
    expect(steps).toBeGreaterThan(100);

    const before = writes.filter((w) => w.ackAt < startedAt);
    const after = writes.filter((w) => w.sentAt > snapshotSeenAt);
    // The load really overlapped the copy: writes were acknowledged between the snapshot and the end.
    expect(after.filter((w) => w.ackAt < endedAt).length).toBeGreaterThan(5);
    expect(before.length).toBeGreaterThan(WRITES_BEFORE);

    const copy = new Sqlite(target, { readonly: true });
    const stored = new Set((copy.prepare("SELECT content FROM posts WHERE content LIKE 'backup load %'").all() as { content: string }[]).map((row) => row.content));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((copy.prepare('SELECT count(*) AS n FROM posts WHERE content LIKE ?').get('filler%') as { n: number }).n).toBe(FILLER_POSTS);
    copy.close();
    expect(before.filter((w) => !stored.has(w.content)).map((w) => w.content)).toEqual([]);
    expect(after.filter((w) => stored.has(w.content)).map((w) => w.content)).toEqual([]);
    expect(fs.readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);

    // Restoring over the live database is refused, and changes nothing.
    const live = await runCli('db-restore.ts', [target], env);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/in use \(is the gateway running\?\)/);
    expect(fs.existsSync(`${file}.before-restore`)).toBe(false);
    expect((await gateway.gql('{ viewer { id } }', {}, writer.token)).status).toBe(200);

    // Restored into a database file of its own (an older one there, with its WAL), a fresh gateway reads the rows.
    const restoredFile = path.join(dir, 'restored.db');
    const old = new Sqlite(restoredFile);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE stale (x)');
    old.close();
    fs.writeFileSync(`${restoredFile}-wal`, 'left over');
    const restored = await runCli('db-restore.ts', [target], { DATABASE_URL: `sqlite:${restoredFile}` });
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.stdout).toContain(`the replaced database is at ${restoredFile}.before-restore`);
    expect(fs.existsSync(`${restoredFile}-wal`)).toBe(false);

    const fresh = await startTestGateway({ DATABASE_URL: `sqlite:${restoredFile}` });
    try {
      const read = async (ids: string[]) => {
        const { body } = await fresh.gql('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Post { id content } } }', { ids });
        return body.data.nodes as ({ id: string; content: string } | null)[];
      };
      for (let i = 0; i < before.length; i += 50) {
        const chunk = before.slice(i, i + 50);
        expect(await read(chunk.map((w) => w.id))).toEqual(chunk.map((w) => ({ id: w.id, content: w.content })));
      }
      const absent = after.slice(0, 50);
      expect(await read(absent.map((w) => w.id))).toEqual(absent.map(() => null));
      // The restored gateway writes on: its next post takes an id after every row of the backup.
      const next = await fresh.gql(CREATE_POST, { input: { content: 'after restore' } }, (await fresh.member('afterRestore')).token);
      expect(next.body.data.createPost.databaseId).toBeGreaterThan(Math.max(...before.map((w) => w.databaseId)));
    } finally {
      await fresh.close();
    }
  }, 120000);

  test('refuses a PostgreSQL DATABASE_URL, an existing file without --force, and a missing argument', async () => {
    const existing = path.join(dir, 'existing.db');
    fs.writeFileSync(existing, 'keep me');
    const [postgres, taken, usage, forced] = await Promise.all([
      runCli('db-backup.ts', [path.join(dir, 'pg.db')], { DATABASE_URL: 'postgres://user:secret@127.0.0.1:5432/gateway' }),
      runCli('db-backup.ts', [existing], env),
      runCli('db-backup.ts', [], env),
      runCli('db-backup.ts', [path.join(dir, 'forced.db'), '--force', '--step', 'x'], env),
    ]);
    expect(postgres.code).toBe(1);
    expect(postgres.stderr).toMatch(/use pg_dump/);
    expect(postgres.stderr).not.toContain('secret');
    expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/existing\.db exists; nothing was written .*--force/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: npm run db:backup -- <file>/);
    expect(forced.code).toBe(2);

    const replaced = await runCli('db-backup.ts', [existing, '--force'], env);
    expect(replaced).toMatchObject({ code: 0 });
    expect(integrity(existing)).toBe('ok');
  }, 60000);
});

function integrity(file: string): string {
  const sqlite = new Sqlite(file, { readonly: true });
  try {
    return sqlite.pragma('integrity_check', { simple: true }) as string;
  } finally {
    sqlite.close();
  }
}
