/** `npm run bench` refuses an unknown option or scenario at once, with its usage, before any work. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bench = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/run.ts', ...args], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', timeout: 60_000 });

test.each([
  [['--only', 'feed,nothing'], 'unknown scenario nothing'],
  [['--only=feeds'], 'unknown scenario feeds'],
  [['--only='], 'unknown scenario (none named)'],
  [['--fast'], "Unknown option '--fast'"],
])(
  'bench %j is refused',
  (args, message) => {
    const run = bench(...args);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: expect.stringContaining(message) });
    expect(run.stderr).toContain('usage: npm run bench [-- --quick] [--only statements,feed,loaders,shim,writes,fanout,startup,cluster]');
    expect(run.stdout).toBe('');
  },
  60_000,
);
