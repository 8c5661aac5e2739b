/**
 * `npm run test:soak`: the built gateway under 60 s of steady load over loopback (GraphQL reads,
 * a legacy shim and a mutation, 20 connections), its RSS sampled every 5 s. Passes with no error
 * and no growth past the bound between the end of the warm-up and the end. Prints the figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARM_UP_SECONDS = 10;
/** Growth allowed from the end of the warm-up to the end, in MB. */
const GROWTH_BOUND_MB = 40;
const ROOT = path.resolve(__dirname, '../..');
const SERVER_KEY = 'soak-server-key-0123456789';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

test(`${SECONDS} s of steady load: no error, memory growth within ${GROWTH_BOUND_MB} MB`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-soak-'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ENV_FILE: '/dev/null',
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${path.join(dir, 'soak.db')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'soak-admin-password',
      SERVER_KEY,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_CREDENTIAL: '0',
    },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited before ready:\n${output}`)));
    });
    const login = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(input: { login: "asd@gmail.com", password: "asdasdasd" }) { token } }' }),
    });
    const token = (await login.json()).data.login.token as string;
    const json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(child.pid!)), 5000);
    const result = await autocannon({
      url,
      connections: 20,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: json,
          body: JSON.stringify({ query: '{ posts(first: 20) { nodes { id: databaseId content author { username } tags { name } comments(first: 3) { nodes { content author { username } } } } } }' }),
        },
        {
          method: 'POST',
          path: `/api/get-user-data?access_token=${token}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `server_key=${SERVER_KEY}&user_id=1&fetch=user_data,followers`,
        },
        { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: '{ chats { nodes { id: databaseId unreadCount lastMessage { text } } } }' }) },
        { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: 'mutation { setPresence(input: { presence: ONLINE }) { id: databaseId } }' }) },
      ],
    });
    clearInterval(sampler);
    const afterWarmUp = samples[Math.floor(WARM_UP_SECONDS / 5) - 1] ?? samples[0];
    const last = samples[samples.length - 1];
    const growth = last - afterWarmUp;
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `soak: ${SECONDS} s, ${result.requests.total} requests (${Math.round(result.requests.total / SECONDS)}/s), errors ${errors}, RSS after warm-up ${afterWarmUp.toFixed(0)} MB, at the end ${last.toFixed(0)} MB, growth ${growth.toFixed(1)} MB (bound ${GROWTH_BOUND_MB} MB); samples ${samples.map((s) => s.toFixed(0)).join(' ')}`,
    );
    expect(errors).toBe(0);
    expect(growth).toBeLessThanOrEqual(GROWTH_BOUND_MB);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
