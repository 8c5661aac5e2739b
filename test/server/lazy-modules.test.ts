import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChildGateway, startChildGateway } from '../support/child';

// What only some requests need is loaded at its first use, so an idle gateway does not hold it.
const LAZY = [
  ["class-validator's index (every rule, libphonenumber's metadata)", /node_modules\/class-validator\/cjs\/index\.js$/],
  ['libphonenumber-js', /node_modules\/libphonenumber-js\//],
  ['bcryptjs', /node_modules\/bcryptjs\//],
  ['he', /node_modules\/he\//],
  ["rate-limiter-flexible's index (every store)", /node_modules\/rate-limiter-flexible\/index\.js$/],
] as const;

const PASSWORD = 'lazy-modules-admin-password';
const dir = mkdtempSync(path.join(tmpdir(), 'gateway-lazy-'));
const report = path.join(dir, 'loaded.txt');
const env = { DATABASE_URL: `sqlite:${path.join(dir, 'gateway.db')}`, SEED_DEMO: '0', ADMIN_PASSWORD: PASSWORD, LOADED_MODULES_FILE: report };
const start = () => startChildGateway(env, [path.join(__dirname, '../support/loaded-modules.ts')]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadedModules(run: ChildGateway): Promise<string[]> {
  rmSync(report, { force: true });
  run.child.kill('SIGUSR2');
  for (let waited = 0; !existsSync(report); waited += 50) {
    if (waited > 10_000) throw new Error('the child wrote no module list');
    await sleep(50);
  }
  return readFileSync(report, 'utf8').split('\n');
}

async function stop(run: ChildGateway): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

test('a started gateway has not loaded what only some requests need, and loads it at the first such request', async () => {
  // The first start creates the admin, hashing a password; the second is a plain restart.
  const first = start();
  await first.ready;
  await stop(first);
  const run = start();
  const url = await run.ready;
  try {
    const atStart = await loadedModules(run);
    expect(atStart).toContainEqual(expect.stringMatching(/node_modules\/class-validator\/cjs\/decorator\/string\/Length\.js$/));
    for (const [name, file] of LAZY) expect([name, atStart.filter((loaded) => file.test(loaded))]).toEqual([name, []]);

    // A sign-in checks the password and counts a failure (its input carries no rules).
    const login = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation ($input: LoginInput!) { login(input: $input) { token } }', variables: { input: { login: 'admin', password: 'wrong password' } } }),
    });
    expect(login.status).toBe(200);
    expect(JSON.stringify(await login.json())).toContain('UNAUTHENTICATED');
    // An input with rules (a malformed email) loads class-validator's index to check them; nothing is written.
    const register = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: RegisterInput!) { register(input: $input) { token } }',
        variables: { input: { username: 'lazyprobe', email: 'not an email', password: 'long enough password' } },
      }),
    });
    expect(JSON.stringify(await register.json())).toContain('email must be a valid email address');
    // The news feed page, here its error page, escapes what it shows.
    const page = await fetch(`${url}/get_news_feed`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const afterLogin = await loadedModules(run);
    for (const [name, file] of LAZY.filter(([name]) => !name.startsWith('rate-limiter'))) expect([name, afterLogin.some((loaded) => file.test(loaded))]).toEqual([name, true]);
  } finally {
    await stop(run);
  }
}, 90_000);
