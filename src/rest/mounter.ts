import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { type DocumentNode, execute, GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import { requestSignal } from '../graphql/abort';
import { createContext } from '../graphql/context';
import { ErrorCode } from '../errors';
import { asGraphQLError } from '../graphql/graphql-errors';
import { assertListSizes } from '../graphql/list-limits';
import { mergedFields, readParams } from './input';
import { publicBaseUrl } from './public-url';
import { LegacyError, type LegacyFamily, type LegacyInput, type LegacyRoute, replyOf, sendLegacyReply } from './route';
import type { Services } from '../graphql/context.types';
import type { Viewer } from '../auth/viewer';
import { retirementHook, type RetirementPolicy } from './retirement';

/**
 * A route's operation: parsed and validated against the schema at its first call and never again.
 * At start, validating every shim cost about 0.1 s and their parsed documents about 2 MB of heap,
 * for routes a deployment may never serve; test/rest/shim-operations.test.ts checks them all instead.
 */
export function preparedOperation(schema: GraphQLSchema, route: LegacyRoute, family: string, text = route.operation): () => DocumentNode {
  let document: DocumentNode | null = null;
  return () => {
    if (!document) {
      const parsed = parse(text);
      assertValidOperation(schema, parsed, route, family);
      document = parsed;
    }
    return document;
  };
}

/** Throws when a route's operation does not fit the schema. */
export function assertValidOperation(schema: GraphQLSchema, document: DocumentNode, route: LegacyRoute, family: string): void {
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new Error(`${family} ${route.path}: invalid operation: ${errors.map((e) => e.message).join('; ')}`);
  }
}

/**
 * The first GraphQL error as a LegacyError. A result without `data` failed before execution (its
 * variables did not fit): bad input, named by the caller's parameter and never in GraphQL's words.
 * A field error without a code is a fault: masked.
 */
function legacyErrorOf(errors: readonly GraphQLError[], executed: boolean, fieldNames: Record<string, string> = {}): LegacyError {
  const error = errors[0];
  if (!executed) {
    const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
    const name = variable && Object.hasOwn(fieldNames, variable) ? fieldNames[variable] : 'A parameter';
    return new LegacyError(ErrorCode.BadUserInput, `${name} has a value this endpoint cannot take`);
  }
  const code = (error.extensions?.code as ErrorCode | undefined) ?? (executed ? ErrorCode.Internal : ErrorCode.BadUserInput);
  const known = Object.values(ErrorCode).includes(code);
  if (!known || code === ErrorCode.Internal) return new LegacyError(ErrorCode.Internal, 'Internal server error');
  const retryAfter = typeof error.extensions?.retryAfter === 'number' ? error.extensions.retryAfter : null;
  return new LegacyError(code, inLegacyWords(error.message, error.extensions?.field, fieldNames), retryAfter);
}

/**
 * A message with GraphQL field names as the route's parameters: the error's own field, and any
 * other camelCase one (`avatarFile` in "upload a file as avatarFile"), which no plain word is.
 */
function inLegacyWords(message: string, field: unknown, fieldNames: Record<string, string>): string {
  const names = Object.keys(fieldNames).filter((name) => name === field || /[A-Z]/.test(name));
  if (names.length === 0) return message;
  return message.replace(new RegExp(`\\b(?:${names.join('|')})\\b`, 'g'), (name) => fieldNames[name]);
}

/**
 * Turns every route of a family into a Fastify route. Each request: read credentials, check and
 * type the params, execute the pre-parsed operation in-process with the same context factory as
 * GraphQL, and map data or the first error into the family's envelope.
 */
export function mountFamily(app: FastifyInstance, schema: GraphQLSchema, services: Services, family: LegacyFamily, retirements: Map<string, RetirementPolicy> = new Map()): void {
  for (const route of family.routes) {
    const path = `${family.prefix}${route.path}`;
    const operation = preparedOperation(schema, route, family.name);
    const prelude = route.prelude ? preparedOperation(schema, route, family.name, route.prelude.operation) : null;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      let input: LegacyInput | null = null;
      try {
        const viewer = await family.authenticate(request, route, services);
        if (viewer) viewers.set(request, viewer);
        const raw = mergedFields(request);
        input = { values: readParams(route.params ?? [], raw), raw, request, viewer };
        const contextValue = createContext(services, { viewer, requestId: String(request.id), ip: request.ip, signal: requestSignal(reply, services.config.requestTimeoutMs) });
        const run = async (document: DocumentNode, variableValues: Record<string, unknown>, operationName?: string) => {
          assertShimListSizes(schema, document, variableValues, route);
          const result = await execute({ schema, document, variableValues, contextValue, operationName });
          if (result.errors?.length) {
            const executed = 'data' in result;
            for (const error of result.errors) {
              if (!error.extensions?.code && executed) request.log.error({ err: error.originalError ?? error }, 'shim operation failed');
            }
            throw legacyErrorOf(result.errors, executed, route.fieldNames);
          }
          return result;
        };
        if (prelude) input.prelude = (await run(prelude(), route.prelude!.variables ? route.prelude!.variables(input) : {})).data;
        const result = await run(operation(), route.variables ? route.variables(input) : {}, route.operationName?.(input));
        return sendLegacyReply(reply, replyOf(route.respond(result.data, input), publicBaseUrl(request, services.config.publicUrl)));
      } catch (error) {
        return sendRouteError(family, route, error, input, request, reply);
      }
    };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // config.family: the rate limits answer in this family's envelope (src/http/rate-limits.ts).
    // config.uploads: the file parts the multipart reader accepts (src/http/multipart.ts).
    // onResponse: every answer counts as a call, refusals and 410s included.
    const onResponse = async (request: FastifyRequest) => {
      const viewer = viewers.get(request);
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      services.legacyUsage.record(family.name, method, path, viewer ? credentialOf(viewer) : null, request.headers['user-agent']);
    };
    const onRequest = retirementHook(family, route, retirements, services.config.publicUrl);
    app.route({
      method: methods,
      url: path,
      handler,
      config: { family: family.name, uploads: uploadsOf(route) },
      preParsing: credentialsBeforeBody(family, route, services),
      ...(onRequest ? { onRequest } : {}),
      onResponse,
    });
  }
  mountMethodNotAllowed(app, family);
}

/** The viewer each legacy request resolved, for the usage recorder (src/http/legacy-usage.ts). */
const viewers = new WeakMap<FastifyRequest, Viewer>();

/** A caller's credential as usage counts it: the API key's id, else the user's id (never the secret). */
function credentialOf(viewer: Viewer): string {
  return viewer.apiKeyId !== null ? `key:${viewer.apiKeyId}` : `user:${viewer.userId}`;
}

/** The list-length guard every door runs (src/graphql/list-limits.ts), its refusal as a LegacyError. */
function assertShimListSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, route: LegacyRoute): void {
  try {
    assertListSizes(schema, document, variables);
  } catch (error) {
    throw legacyErrorOf([asGraphQLError(error)], true, route.fieldNames);
  }
}

/** An error as the route answers it: the route's own wording for its code, in the family's envelope. */
function sendRouteError(family: LegacyFamily, route: LegacyRoute, error: unknown, input: LegacyInput | null, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(error instanceof LegacyError)) {
    request.log.error({ err: error }, 'legacy route failed');
    return sendLegacyReply(reply, family.renderError(new LegacyError(ErrorCode.Internal, 'Internal server error'), request));
  }
  const override = error.code === 'SERVER_KEY' || error.code === 'METHOD_NOT_ALLOWED' || error.code === 'NO_ENDPOINT' || error.code === 'GONE' ? undefined : route.errorMessages?.[error.code];
  const message = typeof override === 'function' ? override(input) : (override ?? error.message);
  if (error.retryAfterSeconds !== null) void reply.header('retry-after', String(error.retryAfterSeconds));
  return sendLegacyReply(reply, family.renderError(new LegacyError(error.code, message), request));
}

const MULTIPART = /^\s*multipart\//i;
/** The largest refused body still read (and dropped) rather than cut off by closing the connection. */
const DRAINED_BODY_BYTES = 1024 * 1024;

/** Files one request may send to a route that takes them. */
const MAX_FILES = 10;

/** The file parts a route takes: its `file` params, each also spelt `name[]`. */
function uploadsOf(route: LegacyRoute): { fields: string[]; maxFiles: number } | undefined {
  const names = (route.params ?? []).filter((param) => param.type === 'file').map((param) => param.name);
  return names.length > 0 ? { fields: names.flatMap((name) => [name, `${name}[]`]), maxFiles: MAX_FILES } : undefined;
}

/**
 * A preParsing hook that refuses a multipart request whose header or query credentials fail, before
 * its body is read (an upload can be hundreds of megabytes).
 */
function credentialsBeforeBody(family: LegacyFamily, route: LegacyRoute, services: Services) {
  const check = family.authenticateBeforeBody;
  if (!check || route.auth === 'none') return undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!MULTIPART.test(request.headers['content-type'] ?? '')) return;
    try {
      await check(request, route, services);
    } catch (error) {
      // A large or unmeasured body is not worth reading: the connection closes after the answer. A
      // small one is read and dropped, so the connection, and the answer, arrive whole.
      if (!(Number(request.headers['content-length']) <= DRAINED_BODY_BYTES)) void reply.header('connection', 'close');
      await sendRouteError(family, route, error, null, request, reply);
    }
  };
}

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Other methods on a family's paths answer 405 in the family's envelope, naming the allowed ones. */
function mountMethodNotAllowed(app: FastifyInstance, family: LegacyFamily): void {
  const allowed = new Map<string, Set<HTTPMethods>>();
  for (const route of family.routes) {
    const url = `${family.prefix}${route.path}`;
    const methods = allowed.get(url) ?? new Set<HTTPMethods>();
    for (const method of [route.method].flat()) methods.add(method);
    allowed.set(url, methods);
  }
  for (const [url, methods] of allowed) {
    const others = METHODS.filter((m) => !methods.has(m));
    if (others.length === 0) continue;
    const allow = [...methods].join(', ');
    app.route({
      method: others,
      url,
      config: { family: family.name },
      handler: (request, reply) => {
        const error = new LegacyError('METHOD_NOT_ALLOWED', `Use ${allow} for this endpoint`);
        return sendLegacyReply(reply.header('allow', allow), family.renderError(error, request));
      },
    });
  }
}
