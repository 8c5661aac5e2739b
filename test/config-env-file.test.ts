import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvFileError, loadEnvFile } from '../src/env-file';

const ROOT = path.resolve(__dirname, '..');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-file-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('.env values are loaded; a variable already in the environment wins; quotes, export and comments work', () => {
  fs.writeFileSync(path.join(dir, '.env'), '# local settings\nPORT=4100\nexport LOG_LEVEL=debug\nADMIN_EMAIL="ops@example.com" # inline\nEMPTY=\nMULTI="one\ntwo"\n\n');
  const env: NodeJS.ProcessEnv = { PORT: '5000', EMPTY: '' };
  expect(loadEnvFile(env, dir)).toEqual({ file: path.join(dir, '.env'), loaded: ['ADMIN_EMAIL', 'LOG_LEVEL', 'MULTI'] });
  expect(env).toEqual({ PORT: '5000', EMPTY: '', LOG_LEVEL: 'debug', ADMIN_EMAIL: 'ops@example.com', MULTI: 'one\ntwo' });
});

test('a missing .env is no error; a missing ENV_FILE is', () => {
  const env: NodeJS.ProcessEnv = {};
  expect(loadEnvFile(env, dir)).toEqual({ file: null, loaded: [] });
  expect(env).toEqual({});
  expect(() => loadEnvFile({ ENV_FILE: 'prod.env' }, dir)).toThrow(new EnvFileError('ENV_FILE=prod.env: no such file'));
});

test('ENV_FILE names another file, relative to the working directory, read instead of .env', () => {
  fs.writeFileSync(path.join(dir, '.env'), 'PORT=1\n');
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.writeFileSync(path.join(dir, 'conf/staging.env'), 'PORT=2\n');
  const env: NodeJS.ProcessEnv = { ENV_FILE: 'conf/staging.env' };
  expect(loadEnvFile(env, dir).loaded).toEqual(['PORT']);
  expect(env.PORT).toBe('2');
});

test.each([
  ['a line that is not NAME=value', 'PORT=4000\nDATABASE_URL sqlite:x.db\n', '.env line 2: expected NAME=value or a # comment'],
  ['a name that cannot be one', 'PORT=4000\n\n9LIVES=1\n', '.env line 3: expected NAME=value or a # comment'],
  ['a quote never closed', 'A=1\nSERVER_KEY="abc\nB=2\n', '.env line 2: a quoted value is never closed'],
])('a malformed file (%s) is an error naming the file and line, not the value', (_case, content, message) => {
  fs.writeFileSync(path.join(dir, '.env'), content);
  const env: NodeJS.ProcessEnv = {};
  expect(() => loadEnvFile(env, dir)).toThrow(new EnvFileError(message));
  expect(env).toEqual({});
});

/** Runs `npm run migrate`'s entry point in `dir` (ts-node), as the CLIs and the server read .env at start. */
function migrate(env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'src/cli/migrate.ts')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('an entry point reads .env from its working directory, the environment winning, and stops on a malformed one', () => {
  fs.writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=sqlite:from-file.db\n');
  expect(migrate({})).toMatchObject({ status: 0 });
  expect(fs.existsSync(path.join(dir, 'from-file.db'))).toBe(true);

  expect(migrate({ DATABASE_URL: 'sqlite:from-env.db' })).toMatchObject({ status: 0 });
  expect(fs.existsSync(path.join(dir, 'from-env.db'))).toBe(true);

  fs.writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=sqlite:from-file.db\noops\n');
  const bad = migrate({});
  expect(bad.status).toBe(1);
  expect(bad.output).toContain('.env line 2: expected NAME=value or a # comment');
});
