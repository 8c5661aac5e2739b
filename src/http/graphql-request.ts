import { Readable } from 'node:stream';
import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { asGraphQLError, badRequest } from '../graphql/graphql-errors';
import type { ResolveOptions, TrustedDocumentGuard } from '../graphql/trusted-document-guard';

/** A /graphql request as Apollo reads it, with its document resolved, or the refusal to answer instead. */
export interface ResolvedHttpRequest {
  http: HTTPGraphQLRequest;
  /** The document text Apollo will run (for the shape guard); undefined when it comes from the APQ cache or is missing. */
  query: unknown;
  /** Thrown from the context (after CSRF prevention), so Apollo answers it with its status. */
  refusal: GraphQLError | null;
}

/** The GET parameters Apollo reads once at most, and the persisted-document id. */
const SINGLE_PARAMETERS = ['query', 'operationName', 'variables', 'extensions', 'documentId'];

/**
 * Builds what Apollo runs from a Fastify request (as @as-integrations/fastify does: the parsed body
 * for POST, the URL's search for GET), after the trusted-document guard: a `documentId` or APQ hash
 * of a manifest becomes the document's `query`, and an only-mode refusal is kept for the context to
 * throw. Nothing is parsed here.
 */
export function resolveHttpRequest(request: FastifyRequest, documents: TrustedDocumentGuard, options: ResolveOptions): ResolvedHttpRequest {
  const http: HTTPGraphQLRequest = { method: request.method.toUpperCase(), headers: headerMap(request), search: searchOf(request.url), body: request.body };
  try {
    if (http.method === 'GET') return resolveGet(http, documents, options);
    if (http.method === 'POST' && isRecord(http.body)) return resolvePost(http, http.body, documents, options);
  } catch (error) {
    return { http, query: undefined, refusal: asGraphQLError(error) };
  }
  // Any other body (a batch, none) Apollo refuses before it runs anything.
  return { http, query: undefined, refusal: null };
}

function resolvePost(http: HTTPGraphQLRequest, body: Record<string, unknown>, documents: TrustedDocumentGuard, options: ResolveOptions): ResolvedHttpRequest {
  const extensions = isRecord(body.extensions) ? body.extensions : undefined;
  const resolved = documents.resolve({ query: body.query, documentId: body.documentId, extensions }, options);
  const { documentId: _resolved, query: _text, extensions: _extensions, ...rest } = body;
  const rewritten: Record<string, unknown> = { ...rest };
  // An empty `query` the guard read as none stays, so Apollo answers it as before (it reads "" as absent too).
  if (resolved.query !== undefined || body.query === '') rewritten.query = resolved.query ?? body.query;
  const kept = resolved.extensions === extensions ? body.extensions : resolved.extensions;
  if (kept !== undefined) rewritten.extensions = kept;
  return { http: { ...http, body: rewritten }, query: resolved.query, refusal: null };
}

function resolveGet(http: HTTPGraphQLRequest, documents: TrustedDocumentGuard, options: ResolveOptions): ResolvedHttpRequest {
  const params = new URLSearchParams(http.search);
  for (const name of SINGLE_PARAMETERS) {
    if (params.getAll(name).length > 1) throw badRequest(`The '${name}' search parameter may only be specified once.`);
  }
  const extensions = jsonRecord(params.get('extensions'));
  const resolved = documents.resolve({ query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions }, options);
  params.delete('documentId');
  if (typeof resolved.query === 'string') params.set('query', resolved.query);
  else params.delete('query');
  if (resolved.extensions !== extensions) {
    if (resolved.extensions) params.set('extensions', JSON.stringify(resolved.extensions));
    else params.delete('extensions');
  }
  return { http: { ...http, search: `?${params}` }, query: resolved.query, refusal: null };
}

/** Sends Apollo's answer, as @as-integrations/fastify does. */
export function sendApolloResponse(reply: FastifyReply, response: HTTPGraphQLResponse): FastifyReply | string {
  for (const [name, value] of response.headers) void reply.header(name, value);
  void reply.code(response.status ?? 200);
  if (response.body.kind === 'complete') return response.body.string;
  return reply.send(Readable.from(response.body.asyncIterator));
}

function headerMap(request: FastifyRequest): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

function searchOf(url: string): string {
  return new URL(url, 'http://gateway.invalid/').search;
}

/** A JSON object parameter, or undefined (Apollo answers a malformed one itself). */
function jsonRecord(value: string | null): Record<string, unknown> | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
