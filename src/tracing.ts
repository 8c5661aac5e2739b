import { type Attributes, type Context, context, createContextKey, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME; null in Config: tracing is off. */
export interface TracingConfig {
  /** The collector's base URL; spans go to `<endpoint>/v1/traces` as OTLP over HTTP (protobuf). */
  endpoint: string;
  serviceName: string;
}

const TRACER = 'gateway';
let enabled = false;

/** Whether startTracing is running: every helper here is a plain call through when it is not. */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Starts OpenTelemetry tracing: a Node tracer provider with the AsyncLocalStorage context manager,
 * batching spans to the OTLP endpoint (or, for tests, sending them one by one to `exporter`).
 * The SDK loads only here, so a gateway without tracing never loads it. The returned function
 * flushes what is pending and turns tracing off again.
 */
export function startTracing(config: TracingConfig, options: { exporter?: SpanExporter } = {}): () => Promise<void> {
  const { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  let processor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(options.exporter);
  } else {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    // The batch queue is bounded: past it spans are dropped, not kept.
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.endpoint.replace(/\/+$/, '')}/v1/traces` }), { maxQueueSize: 2048 });
  }
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': config.serviceName }), spanProcessors: [processor] });
  provider.register();
  enabled = true;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    enabled = false;
    try {
      await provider.shutdown();
    } finally {
      trace.disable();
      context.disable();
      propagation.disable();
    }
  };
}

function tracer() {
  return trace.getTracer(TRACER);
}

/** Starts a span as a child of the active one (null when tracing is off). */
export function startSpan(name: string, attributes: Attributes, kind: SpanKind = SpanKind.INTERNAL, startTime?: number): Span | null {
  if (!enabled) return null;
  return tracer().startSpan(name, { kind, attributes, startTime }, context.active());
}

/** Runs `fn` with `span` as the active span (just runs it when span is null). */
export function withSpan<T>(span: Span | null, fn: () => T): T {
  if (span === null) return fn();
  return context.with(trace.setSpan(context.active(), span), fn);
}

/** Ends a span, marking it failed with `error` when given. */
export function endSpan(span: Span | null, error?: string): void {
  if (span === null) return;
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  span.end();
}

/** A root context carrying `span`, for work started from a callback that has lost the request's context. */
export function contextOf(span: Span): Context {
  return trace.setSpan(ROOT_CONTEXT, span);
}

/** Operation names in span names and attributes are cut to this: a client chooses them, up to the body limit. */
const MAX_OPERATION_NAME = 64;

/** A client-chosen operation name as spans carry it: at most 64 characters, `graphql` when there is none. */
export function operationLabel(name: string | null | undefined): string {
  return name ? name.slice(0, MAX_OPERATION_NAME) : 'graphql';
}

const OPERATION_SPAN = createContextKey('gateway.graphql.operation');

/**
 * Runs one GraphQL operation inside its own span (named `graphql` until the operation is known),
 * so its resolvers' SQL spans are its children. operationSpan() finds it from Apollo's plugin.
 */
export async function tracedOperation<T>(transport: 'http' | 'ws', fn: () => Promise<T>): Promise<T> {
  const span = startSpan('graphql', { 'graphql.transport': transport });
  if (span === null) return fn();
  try {
    return await context.with(trace.setSpan(context.active(), span).setValue(OPERATION_SPAN, span), fn);
  } finally {
    span.end();
  }
}

/** The operation span tracedOperation opened around the running operation, if any. */
export function operationSpan(): Span | undefined {
  if (!enabled) return undefined;
  return context.active().getValue(OPERATION_SPAN) as Span | undefined;
}

export { SpanKind };
