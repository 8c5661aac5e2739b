/**
 * `npm run seed` with REDIS_URL set finishes and exits: the Redis connections its services open are
 * closed with the database (they used to keep the process alive for ever after the work was done).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithRedis, TEST_REDIS_URL } from './two-gateways';

describeWithRedis('seed with REDIS_URL', () => {
  test('loads the demo data and exits by itself', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gateway-seed-'));
    try {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/seed.ts'], {
        cwd: path.resolve(__dirname, '../..'),
        env: {
          ...process.env,
          DATABASE_URL: `sqlite:${path.join(folder, 'seed.db')}`,
          REDIS_URL: TEST_REDIS_URL!,
          REDIS_PREFIX: `seed-test-${process.pid}:`,
          UPLOAD_DIR: path.join(folder, 'uploads'),
          BCRYPT_COST: '10',
        },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null | 'still running'>((resolve) => {
        const timer = setTimeout(() => resolve('still running'), 90_000);
        child.on('exit', (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      if (code === 'still running') child.kill('SIGKILL');
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
      expect(output).toMatch(/demo data: \d+ users created/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
