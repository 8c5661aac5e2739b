import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChildGateway } from '../support/child';
import { ADMIN_API_KEY, ADMIN_PASSWORD, SERVER_KEY } from '../support/gateway';
import { hugeBody, MB, postStream } from '../support/multipart-stream';

// The gateway runs as a child process on SQLite, so its resident memory is its own, not the test
// runner's (which generates the bodies as it sends them). Run once (SINGLE_RUN in jest.config.js).

/** Resident memory of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

describe('memory: unauthenticated uploads cost no more than their headers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-bounds-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('two concurrent unauthenticated 400 MB multipart requests grow the gateway by less than 50 MB', async () => {
    const gateway = startChildGateway({ DATABASE_URL: `sqlite:${path.join(dir, 'gateway.db')}`, UPLOAD_DIR: path.join(dir, 'uploads'), SEED_DEMO: '0', ADMIN_PASSWORD, ADMIN_API_KEY, SERVER_KEY });
    let sampler: NodeJS.Timeout | undefined;
    try {
      const url = await gateway.ready;
      const pid = gateway.child.pid!;
      const send = () => postStream(url, '/api/chats/1/media-messages', hugeBody(350, 5, 10, 'media'), { authorization: 'Bearer not-a-token' });
      await send(); // warm-up: the code paths of a refusal are loaded before the baseline
      const baseline = residentBytes(pid);
      let peak = baseline;
      sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 20);
      const started = Date.now();
      const answers = await Promise.all([send(), send()]);
      const elapsed = Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 500));
      clearInterval(sampler);
      peak = Math.max(peak, residentBytes(pid));
      const growthMb = (peak - baseline) / MB;
      console.log(`two unauthenticated 400 MB uploads: RSS ${Math.round(baseline / MB)} MB -> peak ${Math.round(peak / MB)} MB (+${growthMb.toFixed(1)} MB), answered in ${elapsed} ms`);
      expect(growthMb).toBeLessThan(50);
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({ status: 'error', message: 'Unauthenticated.' });
        expect(answer.headers.connection).toBe('close');
      }
    } finally {
      clearInterval(sampler);
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  }, 120_000);
});
