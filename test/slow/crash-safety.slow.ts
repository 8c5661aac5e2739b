/**
 * `npm run test:crash`: the built gateway runs as a child process over a SQLite file and is
 * SIGKILLed 20 times during a mixed write load (sign-ups, posts, messages). After every kill the
 * file is checked: `PRAGMA integrity_check` says ok and every write the gateway acknowledged is
 * there. Prints kills survived, writes acknowledged and rows lost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { toGlobalId } from '../../src/graphql/node';

const KILLS = 20;
const ROOT = path.resolve(__dirname, '../..');

interface Acknowledged {
  users: number[];
  posts: number[];
  messages: number[];
}

function start(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ENV_FILE: '/dev/null',
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${file}`,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'crash-admin-password',
      SERVER_KEY: 'crash-server-key-0123456789',
      UPLOAD_DIR: path.join(path.dirname(file), 'uploads'),
    },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`exited before ready:\n${output}`)));
  });
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) throw new Error(JSON.stringify(body.errors ?? response.status));
  return body.data;
}

/** Writes until the process dies, recording what was acknowledged; connection errors end a worker. */
async function writeLoad(url: string, token: string, peerId: number, round: number, acknowledged: Acknowledged): Promise<void> {
  const worker = async (kind: number) => {
    for (let i = 0; ; i++) {
      try {
        if (kind === 0) {
          const name = `crash${round}x${i}`;
          const data = await gql(url, 'mutation R($input: RegisterInput!) { register(input: $input) { user { id: databaseId } } }', {
            input: { username: name, email: `${name}@crash.test`, password: 'crash-password-1' },
          });
          acknowledged.users.push(data.register.user.id);
        } else if (kind === 1) {
          const data = await gql(url, 'mutation P($input: CreatePostInput!) { createPost(input: $input) { id: databaseId } }', { input: { content: `post ${round}/${i}` } }, token);
          acknowledged.posts.push(data.createPost.id);
        } else {
          const data = await gql(
            url,
            'mutation M($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }',
            { input: { toUserId: toGlobalId('User', peerId), text: `message ${round}/${i}` } },
            token,
          );
          acknowledged.messages.push(data.sendMessage.id);
        }
      } catch (error) {
        if ((error as Error).message === 'fetch failed') return; // the process is gone (undici's TypeError, from another realm)
        throw error;
      }
    }
  };
  await Promise.all([worker(0), worker(1), worker(1), worker(2), worker(2)]);
}

/** Rows the file lacks of those acknowledged, and its integrity check. */
function check(file: string, acknowledged: Acknowledged): { lost: number; integrity: string } {
  const db = new Sqlite(file, { readonly: true });
  try {
    const missing = (table: string, ids: number[]) => {
      const present = new Set((db.prepare(`select id from ${table}`).all() as { id: number }[]).map((row) => row.id));
      return ids.filter((id) => !present.has(id)).length;
    };
    const lost = missing('users', acknowledged.users) + missing('posts', acknowledged.posts) + missing('messages', acknowledged.messages);
    return { lost, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

test(`${KILLS} SIGKILLs during writes lose no acknowledged write and leave the file intact`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-crash-'));
  const file = path.join(dir, 'crash.db');
  const acknowledged: Acknowledged = { users: [], posts: [], messages: [] };
  try {
    let { child, url } = await start(file);
    const writer = await gql(url, 'mutation { register(input: { username: "crashwriter", email: "w@crash.test", password: "crash-password-1" }) { token user { id: databaseId } } }', {});
    const peer = await gql(url, 'mutation { register(input: { username: "crashpeer", email: "p@crash.test", password: "crash-password-1" }) { user { id: databaseId } } }', {});
    let survived = 0;
    for (let round = 0; round < KILLS; round++) {
      const load = writeLoad(url, writer.register.token, peer.register.user.id, round, acknowledged);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 500));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      await load;
      const { lost, integrity } = check(file, acknowledged);
      expect(integrity).toBe('ok');
      expect(lost).toBe(0);
      survived++;
      ({ child, url } = await start(file));
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    const total = acknowledged.users.length + acknowledged.posts.length + acknowledged.messages.length;
    console.log(
      `crash safety: kills survived ${survived}/${KILLS}; writes acknowledged ${total} (users ${acknowledged.users.length}, posts ${acknowledged.posts.length}, messages ${acknowledged.messages.length}); rows lost 0; integrity_check ok after every kill`,
    );
    expect(acknowledged.posts.length).toBeGreaterThan(KILLS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
