import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChildGateway, startChildGateway } from '../support/child';

// In a child process, as `npm start` runs: the OTLP exporter loads Node's http with import(), which Jest's sandbox refuses.
const dir = mkdtempSync(path.join(tmpdir(), 'gateway-otel-'));
const report = path.join(dir, 'loaded.txt');
const env = { DATABASE_URL: `sqlite:${path.join(dir, 'gateway.db')}`, SEED_DEMO: '0', ADMIN_PASSWORD: 'tracing-admin-password', LOADED_MODULES_FILE: report };
const start = (extra: Record<string, string> = {}) => startChildGateway({ ...env, ...extra }, [path.join(__dirname, '../support/loaded-modules.ts')]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SDK = /node_modules\/@opentelemetry\/(sdk-trace|sdk-trace-base|sdk-trace-node|exporter-trace-otlp-http|otlp-exporter-base|context-async-hooks|resources)\//;

async function stop(run: ChildGateway): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

function register(url: string, username: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation Register($input: RegisterInput!) { register(input: $input) { token } }',
      variables: { input: { username, email: `${username}@example.com`, password: 'password123' } },
    }),
  });
}

test('without OTEL_EXPORTER_OTLP_ENDPOINT the gateway loads no tracing SDK, even after requests', async () => {
  const run = start();
  const url = await run.ready;
  try {
    expect((await register(url, 'untraced')).status).toBe(200);
    rmSync(report, { force: true });
    run.child.kill('SIGUSR2');
    for (let waited = 0; !existsSync(report); waited += 50) {
      if (waited > 10_000) throw new Error('the child wrote no module list');
      await sleep(50);
    }
    const loaded = readFileSync(report, 'utf8').split('\n');
    expect(loaded.some((file) => file.includes('node_modules/@opentelemetry/api/'))).toBe(true); // the no-op API only
    expect(loaded.filter((file) => SDK.test(file))).toEqual([]);
  } finally {
    await stop(run);
  }
});

test("with OTEL_EXPORTER_OTLP_ENDPOINT, a request's spans are POSTed as OTLP to <endpoint>/v1/traces, at the latest on shutdown", async () => {
  const received: { method: string; url: string; type: string; body: Buffer }[] = [];
  const collector = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, type: String(request.headers['content-type']), body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const run = start({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'gateway-otlp-test' });
    const url = await run.ready;
    try {
      expect((await register(url, 'exported')).status).toBe(200);
    } finally {
      await stop(run);
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/v1/traces' });
    // Protobuf: the strings show through (service name, span names), the password does not.
    const sent = Buffer.concat(received.map((export_) => export_.body)).toString('latin1');
    expect(sent).toContain('gateway-otlp-test');
    expect(sent).toContain('POST /graphql');
    expect(sent).toContain('Register');
    expect(sent).not.toContain('password123');
  } finally {
    await new Promise((resolve) => collector.close(resolve));
  }
});
