import type { ApolloServerPlugin } from '@apollo/server';
import { context, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../graphql/context.types';
import { contextOf, endSpan, operationLabel, operationSpan, SpanKind, startSpan, tracingEnabled } from '../tracing';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A server span per HTTP request, `METHOD <route template>`, with the request id the gateway
 * assigned (never the path or query, which may carry ids and keys): opened at onRequest, made the active span for the handler (preHandler, after the body
 * is read, whose stream events lose the request's context), ended with the status at onResponse.
 * Registers nothing when tracing is off.
 */
export function registerRequestTracing(app: FastifyInstance): void {
  if (!tracingEnabled()) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    const span = startSpan(
      `${request.method} ${route ?? 'unmatched'}`,
      {
        'http.request.method': request.method,
        'http.route': route ?? '',
        'request.id': request.id,
      },
      SpanKind.SERVER,
    );
    if (span) spans.set(request, span);
    done();
  });
  app.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (span) context.with(contextOf(span), done);
    else done();
  });
  const finish = (request: FastifyRequest, status: number | null) => {
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    if (status !== null) span.setAttribute('http.response.status_code', status);
    endSpan(span, status === null ? 'aborted' : status >= 500 ? `HTTP ${status}` : undefined);
  };
  app.addHook('onResponse', (request, reply, done) => {
    finish(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    finish(request, null);
    done();
  });
}

/**
 * Names the operation span (src/tracing.ts tracedOperation) after the operation and records its
 * type and outcome: `graphql.outcome` ok or error, and the first error's code.
 */
export function operationTracingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const span = operationSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          span.updateName(operationLabel(operationName));
          if (operationName) span.setAttribute('graphql.operation.name', operationLabel(operationName));
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          span.setAttribute('graphql.outcome', errors?.length ? 'error' : 'ok');
          const code = errors?.[0]?.extensions?.code;
          if (typeof code === 'string') {
            span.setAttribute('graphql.error.code', code);
            span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          }
        },
      };
    },
  };
}
