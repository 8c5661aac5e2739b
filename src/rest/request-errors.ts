import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors';
import { LegacyError, type LegacyFamily, sendLegacyReply } from './route';
import { families } from './families';

/** What the multipart parser (busboy) throws, without a status, for a body that is not multipart as declared. */
const MALFORMED_MULTIPART = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of multipart data$/,
  /^The needle cannot (be an empty String\/Buffer|have a length bigger than \d+)\.$/,
  /^Unsupported Content-Type\.$/,
  /^Missing Content-Type-header\.$/,
];

/**
 * The HTTP status for an error raised while Fastify or a plugin read the request, before any route
 * ran: its own 4xx when it has one, 400 for a malformed multipart body (busboy gives none), else 500.
 */
export function requestErrorStatus(error: FastifyError): number {
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) return status;
  if (status === undefined && MALFORMED_MULTIPART.some((pattern) => pattern.test(error.message))) return 400;
  return status !== undefined && status >= 500 ? status : 500;
}

/**
 * Answers, in the family's envelope, an error raised before a legacy route's handler ran: a body
 * that does not parse, is too large, of an unknown type or bad multipart. Families that use HTTP
 * statuses keep the framework's 4xx (413, 415 …); the others answer HTTP 200 as they always do.
 * A fault is logged and masked.
 */
export function answerLegacyRequestError(family: LegacyFamily, error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = requestErrorStatus(error);
  if (status >= 500) request.log.error({ err: error }, 'legacy request failed before its route');
  const code = status >= 500 ? ErrorCode.Internal : ErrorCode.BadUserInput;
  const rendered = family.renderError(new LegacyError(code, status >= 500 ? 'Internal server error' : error.message), request);
  return sendLegacyReply(reply, { ...rendered, status: rendered.status !== undefined && rendered.status >= 400 ? status : (rendered.status ?? status) });
}

/** The family of the route a request matched (its `config.family`), if it matched a legacy one. */
export function familyOfRoute(request: FastifyRequest): LegacyFamily | undefined {
  const named = request.routeOptions?.config?.family;
  return named ? families.find((family) => family.name === named) : undefined;
}

const routePatterns = new Map<LegacyFamily, RegExp[]>();

function patternsOf(family: LegacyFamily): RegExp[] {
  let patterns = routePatterns.get(family);
  if (!patterns) {
    patterns = family.routes.map((route) => new RegExp(`^${family.prefix}${route.path.replace(/:\w+/g, '[^/]+')}/?$`));
    routePatterns.set(family, patterns);
  }
  return patterns;
}

/**
 * The family whose route a raw URL looks like, for errors raised before routing (a path whose
 * percent-encoding does not decode): the first family with a route of that shape, or the
 * community API for anything under its prefix.
 */
export function familyOfUrl(url: string): LegacyFamily | undefined {
  const path = url.split('?')[0];
  return families.find((family) => patternsOf(family).some((pattern) => pattern.test(path))) ?? families.find((f) => f.name === 'community' && path.startsWith(`${f.prefix}/`));
}
