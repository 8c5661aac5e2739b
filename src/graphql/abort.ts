import type { FastifyReply } from 'fastify';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { RequestLoader, RowLoader } from './batch';
import type { Context } from './context.types';
import { RequestAbortedError } from '../errors';

/** Throws RequestAbortedError once the request's signal has fired. */
export function throwIfAborted(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw new RequestAbortedError();
}

/**
 * Makes the request's loaders refuse new batches once `signal` fires, so a timed-out or
 * abandoned query stops reading instead of finishing work nobody will receive.
 */
export function stopLoadersOn(loaders: object, signal: AbortSignal): void {
  for (const loader of Object.values(loaders)) {
    if (loader instanceof RequestLoader || loader instanceof RowLoader) loader.signal = signal;
  }
}

/**
 * Wraps every query and mutation root field so it does not start once the request's signal has
 * fired: the next mutation of a document does not run, the next query field reads nothing. Only
 * root fields (one check each), so the cost per request stays a handful of checks.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Context, info) => {
        throwIfAborted(context?.signal);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * A signal that fires when the request has run `timeoutMs` or its client went away before the
 * answer was sent; the request's loaders and root fields then stop (src/graphql/abort.ts).
 */
export function requestSignal(reply: FastifyReply, timeoutMs: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  reply.raw.once('close', () => {
    clearTimeout(timer);
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
