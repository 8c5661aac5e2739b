import type { FastifyRequest } from 'fastify';
import { badRequest } from '../graphql/graphql-errors';

/** Headers only a script can set, so a browser preflights a request that carries one (Apollo's names). */
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/** The content types a browser sends cross-site without a preflight (fetch's CORS-safelisted ones). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Apollo Server's own wording, so clients see the refusal they saw with its `csrfPrevention`. */
const MESSAGE =
  'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
  `Please either specify a 'content-type' header (with a type that is not one of ${SIMPLE_CONTENT_TYPES.join(', ')}) ` +
  `or provide a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}\n`;

/**
 * CSRF prevention for /graphql: refuses (400 BAD_REQUEST, before the viewer is read or anything
 * runs) a request that a page on another site could make a visitor's browser send without a CORS
 * preflight, a form or `text/plain` POST, unless it carries a preflight header. Such a POST could
 * run mutations (sign-ups, sign-ins) from the visitor's address. GETs pass with no header, as
 * urql and other clients send queries: they run only queries (Apollo answers a mutation over GET
 * with 405), /graphql reads no cookie so they carry no one's credentials, and without a CORS grant
 * the page cannot read the answer.
 */
export function assertPreflightedOrGet(request: FastifyRequest): void {
  if (request.method === 'GET') return;
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !SIMPLE_CONTENT_TYPES.includes(mediaType(contentType))) return;
  if (PREFLIGHT_HEADERS.some((name) => (request.headers[name]?.length ?? 0) > 0)) return;
  throw badRequest(MESSAGE);
}

/** `type/subtype` of a Content-Type value, lower case, as fetch reads it to decide on a preflight. */
function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
