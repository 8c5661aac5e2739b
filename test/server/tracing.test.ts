import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, tracingEnabled } from '../../src/tracing';
import { ADMIN_API_KEY, startTestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';
import { addSubscription, newSecret, startReceiver, waitFor } from '../webhooks/receiver';

const REGISTER = 'mutation Register($input: RegisterInput!) { register(input: $input) { token user { id: databaseId } } }';
const PASSWORD = 'secret-password-XYZ';
const ADMIN = { authorization: `Basic ${Buffer.from(`crm:${ADMIN_API_KEY}`).toString('base64')}` };
const SQL_KINDS = ['select', 'insert', 'update', 'delete', 'other'];

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

/** Every span below `root` in its trace (children, their children, …). */
function descendants(spans: ReadableSpan[], root: ReadableSpan): ReadableSpan[] {
  const below: ReadableSpan[] = [];
  const ids = new Set([idOf(root)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const span of spans) {
      if (!ids.has(idOf(span)) && ids.has(parentOf(span) ?? '')) {
        ids.add(idOf(span));
        below.push(span);
        grew = true;
      }
    }
  }
  return below;
}

test('with tracing on, a GraphQL request and a legacy request leave request, operation and SQL spans, without parameter values', async () => {
  const exporter = new InMemorySpanExporter();
  const stopTracing = startTracing({ endpoint: 'http://127.0.0.1:1', serviceName: 'gateway-test' }, { exporter });
  const gw = await startTestGateway();
  const system = gw.app.database.dialect === 'postgres' ? 'postgresql' : 'sqlite';
  try {
    const response = await gw.http('POST', '/graphql', {
      json: { query: REGISTER, variables: { input: { username: 'traced', email: 'traced@example.com', password: PASSWORD } } },
      headers: { 'x-request-id': 'trace-me-1' },
    });
    expect(response.body.data?.register?.token).toEqual(expect.any(String));
    expect((await gw.gql(`query ${'Long'.repeat(50)} { __typename }`)).status).toBe(200);
    const legacy = await gw.http('GET', '/api/v1/boards/99999', { headers: { ...ADMIN, 'x-request-id': 'trace-me-2' } });
    expect(legacy.status).toBe(404);
  } finally {
    await gw.close();
  }
  const spans = [...exporter.getFinishedSpans()]; // stopping clears the exporter
  await stopTracing();

  const request = spans.find((span) => span.attributes['request.id'] === 'trace-me-1')!;
  expect(request).toBeDefined();
  expect(request.name).toBe('POST /graphql');
  expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
  expect(request.resource.attributes['service.name']).toBe('gateway-test');

  const operation = spans.find((span) => parentOf(span) === idOf(request))!;
  expect(operation).toBeDefined();
  expect(operation.name).toBe('Register');
  expect(operation.attributes).toMatchObject({ 'graphql.operation.name': 'Register', 'graphql.operation.type': 'mutation', 'graphql.outcome': 'ok' });

  const statements = spans.filter((span) => parentOf(span) === idOf(operation));
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    expect(SQL_KINDS).toContain(statement.name);
    expect(statement.attributes).toMatchObject({ 'db.system': system, 'db.operation.name': statement.name });
    expect(statement.spanContext().traceId).toBe(request.spanContext().traceId);
  }
  expect(statements.map((span) => span.name)).toContain('insert');

  // A client-chosen operation name is cut to 64 characters.
  expect(spans.find((span) => span.name.startsWith('LongLong'))!.name).toBe('Long'.repeat(16));

  const legacy = spans.find((span) => span.attributes['request.id'] === 'trace-me-2')!;
  expect(legacy.name).toBe('GET /api/v1/boards/:board_id');
  expect(legacy.attributes['http.response.status_code']).toBe(404);
  expect(descendants(spans, legacy).some((span) => span.attributes['db.system'] === system)).toBe(true);

  // No span carries a parameter value: not the password, the email, nor the legacy request's id.
  const everything = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
  for (const secret of [PASSWORD, 'traced@example.com', ADMIN_API_KEY, '99999']) expect(everything).not.toContain(secret);

  // Once stopped, tracing is off again: the global tracer is a no-op.
  expect(tracingEnabled()).toBe(false);
  expect(trace.getTracer('any').startSpan('x').isRecording()).toBe(false);
});

test('with tracing off, the gateway makes no span, even where some other code set a global tracer', async () => {
  // A recording provider set directly, as a library might: the gateway's own off switch must keep it unused.
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  try {
    expect(trace.getTracer('any').startSpan('probe').isRecording()).toBe(true);
    const gw = await startTestGateway();
    try {
      expect(tracingEnabled()).toBe(false);
      await gw.member('untraced');
      expect((await gw.http('GET', '/api/v1/boards/99999', { headers: ADMIN })).status).toBe(404);
    } finally {
      await gw.close();
    }
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([]);
  } finally {
    trace.disable();
    await provider.shutdown();
  }
});

test('with tracing on, a WebSocket operation has its own span, with its SQL spans as children', async () => {
  const exporter = new InMemorySpanExporter();
  const stopTracing = startTracing({ endpoint: 'http://127.0.0.1:1', serviceName: 'gateway-test' }, { exporter });
  const gw = await startTestGateway();
  let spans: ReadableSpan[];
  try {
    const member = await gw.member('socketeer');
    const client = wsClient(gw, { token: member.token });
    const result = await new Promise<any>((resolve, reject) => {
      client.subscribe({ query: 'query Viewer { viewer { username } }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result.data.viewer.username).toBe('socketeer');
  } finally {
    await closeGateway(gw);
    spans = [...exporter.getFinishedSpans()];
    await stopTracing();
  }
  const operation = spans.find((span) => span.name === 'Viewer')!;
  expect(operation).toBeDefined();
  expect(operation.parentSpanContext).toBeUndefined();
  expect(operation.attributes).toMatchObject({ 'graphql.transport': 'ws', 'graphql.operation.type': 'query', 'graphql.outcome': 'ok' });
  const statements = spans.filter((span) => parentOf(span) === idOf(operation));
  expect(statements.map((span) => span.name)).toContain('select');
});

test('with tracing on, a webhook delivery POST has a span with its target host, status and event', async () => {
  const exporter = new InMemorySpanExporter();
  const stopTracing = startTracing({ endpoint: 'http://127.0.0.1:1', serviceName: 'gateway-test' }, { exporter });
  const receiver = await startReceiver(newSecret());
  const gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
  let spans: ReadableSpan[];
  try {
    await addSubscription(gw.app.database.db, { targetUrl: `${receiver.url}?token=hidden-in-query`, events: ['member.joined'], secret: newSecret() });
    await gw.member('hooked');
    await waitFor(() => exporter.getFinishedSpans().some((span) => span.name === 'webhook POST'), 5000, 'the webhook span');
  } finally {
    await gw.close();
    await receiver.close();
    spans = [...exporter.getFinishedSpans()];
    await stopTracing();
  }
  const post = spans.find((span) => span.name === 'webhook POST')!;
  expect(post.attributes).toMatchObject({ 'webhook.event': 'member.joined', 'server.address': new URL(receiver.url).host, 'http.response.status_code': 204 });
  expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('hidden-in-query');
});
