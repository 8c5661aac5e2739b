/**
 * `npm run test:dev`: `npm run dev`'s script (scripts/dev.js) on a temporary copy of the project with
 * no dist/: it builds, serves /healthz, restarts after a source change and after a .env change,
 * keeps the server through a type error, and stops tsc and the server on SIGTERM (as on Ctrl-C).
 * Started again over an up-to-date dist/, it serves at once and does not restart after tsc's first build.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const WAIT_MS = 150_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** scripts/dev.js running in `dir`, with helpers that wait on what it printed. */
function startDev(dir: string) {
  let output = '';
  const dev: ChildProcess = spawn(process.execPath, ['scripts/dev.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(dir, 'dev.db')}`, SEED_DEMO: '0', ADMIN_PASSWORD: 'dev-admin-password' },
  });
  dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => dev.on('exit', resolve));
  /** Waits until the output has `count` matches of `pattern`; returns the last of them. */
  const waitFor = async (pattern: RegExp, count = 1): Promise<RegExpExecArray> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const matches = [...output.matchAll(new RegExp(pattern.source, 'g'))];
      if (matches.length >= count) return matches[count - 1];
      if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`no ${count}× ${pattern} in:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  /** The status of /healthz on the `n`th server started, once its banner is out. */
  const healthz = async (n: number): Promise<number> => {
    const url = (await waitFor(/GraphQL\s+(http:\/\/\S+)\/graphql/, n))[1];
    await waitFor(/Sign in from GraphiQL/, n);
    return (await fetch(`${url}/healthz`)).status;
  };
  const serverPid = async (n: number) => Number((await waitFor(/server started \(pid (\d+)\)/, n))[1]);
  const count = (pattern: RegExp) => [...output.matchAll(new RegExp(pattern.source, 'g'))].length;
  return { dev, exited, waitFor, healthz, serverPid, count };
}

test('npm run dev builds, serves, restarts on a source or .env change, survives a type error, and stops both processes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-dev-'));
  for (const item of ['src', 'migrations', 'scripts/dev.js', 'scripts/build-if-needed.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    fs.cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=warn\n');
  const config = path.join(dir, 'src/config.ts');
  let run = startDev(dir);
  try {
    await run.waitFor(/the server starts after the first build/);
    expect(await run.healthz(1)).toBe(200);
    const tscPid = Number((await run.waitFor(/tsc started \(pid (\d+)\)/))[1]);
    const first = await run.serverPid(1);

    const good = `${fs.readFileSync(config, 'utf8')}\nexport const DEV_TOUCHED = 1;\n`;
    fs.writeFileSync(config, good);
    expect(await run.healthz(2)).toBe(200);
    const second = await run.serverPid(2);
    expect(second).not.toBe(first);
    expect(alive(first)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'dist/src/config.js'), 'utf8')).toContain('DEV_TOUCHED');

    fs.appendFileSync(config, '\nexport const DEV_BROKEN: number = "text";\n');
    await run.waitFor(/1 type error: dist\/ is unchanged and the server keeps running the last good build/);
    expect(alive(second)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'dist/src/config.js'), 'utf8')).not.toContain('DEV_BROKEN');

    fs.writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=error\n');
    await run.waitFor(/\.env changed: restarting the server/);
    expect(await run.healthz(3)).toBe(200);

    const third = await run.serverPid(3);
    run.dev.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(alive(tscPid)).toBe(false);
    expect(alive(third)).toBe(false);

    // The sources as last built, dated before the build: dist/ is up to date.
    fs.writeFileSync(config, good);
    const built = fs.statSync(path.join(dir, 'dist/src/main.js')).mtime;
    fs.utimesSync(config, built, new Date(built.getTime() - 1000));
    run = startDev(dir);
    expect(await run.healthz(1)).toBe(200);
    await run.waitFor(/first build matches what the server runs: no restart/);
    expect(run.count(/server started/)).toBe(1);
    run.dev.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  } finally {
    if (run.dev.exitCode === null) run.dev.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
