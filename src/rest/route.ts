import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Viewer } from '../auth/viewer';
import type { Services } from '../graphql/context.types';
import type { ErrorCode } from '../errors';
import { withAbsoluteLinks } from './public-url';

export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'file';

/** One documented request parameter. The mounter checks presence and type before anything runs. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  required?: boolean;
  description?: string;
  /** The values it takes; for an `array`, the values its items take. */
  enum?: readonly string[];
  /** Where it is read from; defaults to the query for GET and the body (or query) otherwise. */
  in?: 'path' | 'query' | 'body';
  /** The family's own wording for a missing value (the marketing document spells some out). */
  requiredMessage?: string;
  /**
   * For an integer that is stored as given (a price): refuse one past the 32-bit range rather than
   * read it as the range's bound (see `coerce`).
   */
  exact?: boolean;
}

/** A legacy request after parsing: path, query and body values merged and typed by the route's params. */
export interface LegacyInput {
  values: Record<string, unknown>;
  /** The raw merged fields, including ones the route does not declare (the social API's "any user field"). */
  raw: Record<string, unknown>;
  request: FastifyRequest;
  viewer: Viewer | null;
  /** The data of the route's `prelude` operation, once it ran. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route reads its own prelude operation's data
  prelude?: any;
}

/** What a route answers: a body with an optional status and headers. */
export interface LegacyReply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * Codes only the legacy transports produce: a bad social server_key, a path called with the wrong
 * method, a path no route has, a route retired after its sunset (410).
 */
export type LegacyOnlyCode = 'SERVER_KEY' | 'METHOD_NOT_ALLOWED' | 'NO_ENDPOINT' | 'GONE';

/** The error a route produces, before its family puts it in an envelope. */
export class LegacyError extends Error {
  constructor(
    readonly code: ErrorCode | LegacyOnlyCode,
    message: string,
    /** For RATE_LIMITED: the wait, sent as `Retry-After` whatever the envelope. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/**
 * One legacy endpoint as data: method, path, parameters and the GraphQL operation it runs, with the
 * two mappings between the legacy shapes and the operation's variables and result.
 */
export interface LegacyRoute {
  method: HTTPMethods | HTTPMethods[];
  /** Path under the family's prefix, Fastify style (`/users/:msid`). */
  path: string;
  summary: string;
  /** `none`: public; `user`: a signed-in caller; the family decides how credentials are read. */
  auth: 'none' | 'user' | 'admin';
  params?: ParamSpec[];
  /** The GraphQL operation; parsed and validated against the schema when the route is mounted. */
  operation: string;
  variables?(input: LegacyInput): Record<string, unknown>;
  /**
   * A read run first, in the same context, where the legacy verb has no field of its own: a legacy
   * toggle reads the state it flips, then calls the explicit setter. Its data is `input.prelude`.
   */
  prelude?: { operation: string; variables?(input: LegacyInput): Record<string, unknown> };
  /** Which operation of the document to run, when it holds several. */
  operationName?(input: LegacyInput): string;
  /** Maps the operation's data to the legacy body (or a full reply). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types `data` as its own operation's result (generated/operations.ts)
  respond(data: any, input: LegacyInput): unknown;
  /** Per-route wording for an error code, where the document gives one. */
  errorMessages?: Partial<Record<ErrorCode, string | ((input: LegacyInput | null) => string)>>;
  /**
   * The caller's names for the operation's input fields (`{ importImageUrl: 'image_url' }`), so an
   * error about a field names the parameter the caller sent.
   */
  fieldNames?: Record<string, string>;
  /** Where the document contradicts itself and both forms are accepted. */
  note?: string;
}

/** A legacy API: its prefix, how it authenticates, its error envelope, and its routes. */
export interface LegacyFamily {
  name: string;
  title: string;
  prefix: string;
  /** Resolves the caller's credentials; throws LegacyError when they are wrong or required and missing. */
  authenticate(request: FastifyRequest, route: LegacyRoute, services: Services): Promise<Viewer | null>;
  /**
   * Checks the credentials that arrive before the body (headers, query string); throws LegacyError
   * when they are wrong or missing. Run ahead of a multipart body, so a caller who fails them is
   * refused before any of it is read. `authenticate` still runs, with the body, in the handler.
   */
  authenticateBeforeBody?(request: FastifyRequest, route: LegacyRoute, services: Services): Promise<void>;
  /** Puts an error in the family's envelope with its HTTP status. */
  renderError(error: LegacyError, request: FastifyRequest): LegacyReply;
  routes: LegacyRoute[];
  /** How its callers authenticate, for the OpenAPI document. */
  security: FamilySecurity;
  /** The OpenAPI tag's description: what the family is, how it authenticates and how it answers errors. */
  description: string;
}

/**
 * A family's credentials as OpenAPI describes them: security schemes for what a scheme can carry
 * (a header, the query string, a cookie), and required body fields for what none can (OpenAPI 3.1
 * has no security scheme in a request body).
 */
export interface FamilySecurity {
  /** OpenAPI security schemes by name. */
  schemes: Record<string, Record<string, unknown>>;
  /** The scheme a route that needs a caller presents: the first one unless this says otherwise. */
  schemeOf?(route: LegacyRoute): string;
  /** Fields every request of the family sends in its body (name → JSON Schema with a description). */
  bodyFields?: Record<string, Record<string, unknown>>;
}

/** Sends a legacy reply: its headers, its status (200 unless given) and its body. */
export function sendLegacyReply(reply: FastifyReply, result: LegacyReply): FastifyReply {
  for (const [name, value] of Object.entries(result.headers ?? {})) void reply.header(name, value);
  return reply.code(result.status ?? 200).send(result.body);
}

export function isLegacyReply(value: unknown): value is LegacyReply {
  return typeof value === 'object' && value !== null && 'body' in value && Object.keys(value).every((k) => ['status', 'headers', 'body'].includes(k));
}

/**
 * What `respond` answered, as sent: its full reply, or its body (status 200), with root-relative
 * links starting with `base`. The mounter sends it; the OpenAPI document infers each route's
 * success answers from it.
 */
export function replyOf(answer: unknown, base: string): LegacyReply {
  const { body, ...rest } = isLegacyReply(answer) ? answer : { body: answer };
  return { ...rest, body: withAbsoluteLinks(body, base) };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The legacy family a route belongs to, so framework-level answers (rate limits) use its envelope. */
    family?: string;
  }
}
