/**
 * scripts/ensure-chromium.js, run as `npm test`'s pretest, in made-up machines: PATH holds a fake
 * apt-get (and a fake sudo) that record their calls, CHROMIUM_PATH names a file that is not there,
 * and "not root" is the real thing (the test drops to `nobody` with setpriv when it runs as root).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-chromium.js');
const NOBODY = 65534;
const asRoot = process.getuid!() === 0;
/** How a root test runs the script as `nobody` (util-linux, on every Debian). */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => fs.existsSync(file)) ?? 'setpriv';

let dir: string;
let chromium: string;
let aptLog: string;

/** Installs a fake command in `bin`. */
function fake(bin: string, name: string, body: string): void {
  fs.mkdirSync(bin, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** A fake apt-get that logs its arguments; `install` makes CHROMIUM_PATH appear unless told to fail. */
function fakeApt(bin: string): void {
  fake(
    bin,
    'apt-get',
    `echo "$*" >> "${aptLog}"
if [ -n "$FAKE_APT_FAILS" ]; then echo "E: Unable to locate package chromium" >&2; exit 100; fi
if [ "$1" = install ]; then printf '#!/bin/sh\\n' > "$CHROMIUM_PATH"; chmod 755 "$CHROMIUM_PATH"; fi`,
  );
}

function aptCalls(): string[] {
  return fs.existsSync(aptLog) ? fs.readFileSync(aptLog, 'utf8').trim().split('\n') : [];
}

/** Runs the script with exactly this environment, as `nobody` when `user` is asked for and this test is root. */
function run(env: Record<string, string>, options: { user?: boolean } = {}) {
  const command = options.user && asRoot ? [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, SCRIPT] : [process.execPath, SCRIPT];
  const started = Date.now();
  const result = spawnSync(command[0], command.slice(1), { env, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-chromium-'));
  fs.chmodSync(dir, 0o777); // `nobody` writes the apt log and the "installed" chromium here
  chromium = path.join(dir, 'chromium');
  aptLog = path.join(dir, 'apt.log');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with Chromium at CHROMIUM_PATH it exits 0 at once and says nothing', () => {
  const result = run({ PATH: '/usr/bin:/bin', CHROMIUM_PATH: process.execPath });
  expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
  expect(result.ms).toBeLessThan(2000);
});

test('without apt-get it stops with one line: install Chromium and set CHROMIUM_PATH', () => {
  const result = run({ PATH: path.join(dir, 'empty'), CHROMIUM_PATH: chromium });
  expect(result).toMatchObject({ status: 1, stdout: '' });
  expect(result.stderr).toBe(
    `Chromium for the browser tests is missing (CHROMIUM_PATH=${chromium}) and this machine has no apt-get: install Chromium, set CHROMIUM_PATH to its binary, then run npm test again\n`,
  );
});

test('with apt-get but neither root nor sudo it stops with one line naming the install command, and runs no apt-get', () => {
  const bin = path.join(dir, 'bin');
  fakeApt(bin); // no sudo on this PATH
  const result = run({ PATH: bin, CHROMIUM_PATH: chromium }, { user: true });
  expect(result).toMatchObject({ status: 1, stdout: '' });
  expect(result.stderr).toBe(
    `Chromium for the browser tests is missing (CHROMIUM_PATH=${chromium}) and installing it needs root: run \`sudo bash .ci/install-chromium.sh\`, then run npm test again\n`,
  );
  expect(aptCalls()).toEqual([]);
});

/** A Debian-like PATH: the fake apt-get and a fake sudo (so no real one can run), then the system's tools. */
function fakeDebian(): string {
  const bin = path.join(dir, 'bin');
  fakeApt(bin);
  fake(bin, 'sudo', `echo sudo >> "${aptLog}"\nif [ "$1" = -n ]; then shift; fi\nexec "$@"`);
  return `${bin}:/usr/bin:/bin`;
}

const INSTALLING = (file: string) =>
  `Chromium for the browser tests is missing (CHROMIUM_PATH=${file}): installing Debian's chromium package with apt-get (.ci/install-chromium.sh, about a minute)…\n`;

(asRoot ? test : test.skip)('as root it says what it does in one line and installs chromium through .ci/install-chromium.sh', () => {
  const result = run({ PATH: fakeDebian(), CHROMIUM_PATH: chromium });
  expect(result).toMatchObject({ status: 0, stdout: '', stderr: INSTALLING(chromium) });
  expect(aptCalls()).toEqual(['update -qq', 'install -y -qq chromium']);
  expect(fs.existsSync(chromium)).toBe(true);
});

test('with passwordless sudo it installs the same way, through sudo', () => {
  const result = run({ PATH: fakeDebian(), CHROMIUM_PATH: chromium }, { user: true });
  expect(result).toMatchObject({ status: 0, stdout: '', stderr: INSTALLING(chromium) });
  // `sudo -n true` to learn that sudo asks no password, then the installer's two apt-get calls.
  expect(aptCalls()).toEqual(['sudo', 'sudo', 'update -qq', 'sudo', 'install -y -qq chromium']);
  expect(fs.existsSync(chromium)).toBe(true);
});

test("a failed install ends with one line after apt-get's own message", () => {
  const result = run({ PATH: fakeDebian(), CHROMIUM_PATH: chromium, FAKE_APT_FAILS: '1' });
  expect(result).toMatchObject({ status: 1, stdout: '' });
  expect(result.stderr.split('\n')).toEqual([
    INSTALLING(chromium).trim(),
    'E: Unable to locate package chromium',
    "Installing chromium failed (apt-get's message is above): fix that or run `sudo bash .ci/install-chromium.sh`, then run npm test again",
    '',
  ]);
});

test('jest run alone without Chromium fails each browser suite once, with one line and no stack', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: chromium };
  delete env.TEST_POSTGRES_URL;
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--selectProjects', 'sqlite', '--testPathPattern', 'test/(docs|graphiql)/.*browser'], {
    cwd: path.resolve(__dirname, '../..'),
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(jest.status).toBe(1);
  const line = `Chromium is missing (CHROMIUM_PATH=${chromium}): \`npm test\` installs it where it can, or run \`sudo bash .ci/install-chromium.sh\` (Debian's chromium package)`;
  // Each failure: its title, a blank line, then its indented text.
  const failures = [...jest.stderr.matchAll(/● (.*)\n\n((?: {4}.*\n)+)/g)].map((match) => [match[1], match[2].trim()]);
  expect(failures).toEqual([
    ['Test suite failed to run', line],
    ['Test suite failed to run', line],
  ]);
  expect(jest.stderr).not.toMatch(/^\s+at /m);
  expect(jest.stderr).toMatch(/Test Suites: 2 failed, 2 total\nTests: +0 total/);
});
