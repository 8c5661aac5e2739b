import { ErrorCode } from '../../errors';
import type { LegacyError, LegacyReply } from '../route';

/** `error_id` per kind of failure; the document leaves the numbers to the server. */
export const SOCIAL_ERROR_IDS: Record<string, number> = {
  SERVER_KEY: 1,
  [ErrorCode.Unauthenticated]: 2,
  [ErrorCode.BadUserInput]: 3,
  [ErrorCode.NotFound]: 4,
  [ErrorCode.Forbidden]: 5,
  [ErrorCode.Conflict]: 6,
  [ErrorCode.RateLimited]: 7,
  [ErrorCode.NotConfigured]: 8,
  [ErrorCode.Internal]: 9,
  METHOD_NOT_ALLOWED: 10,
  NO_ENDPOINT: 11,
  GONE: 12,
};

/**
 * `{"api_status":"400","errors":{"error_id":N,"error_text":"…"}}`, with the status as a string:
 * "400" for every error the document names (a missing or wrong server_key is error_id 1), "404"
 * for a path no endpoint has, "500" for a server fault. The HTTP
 * status is 200, as the legacy server sent: its clients read `api_status`, not the HTTP line.
 */
export function socialError(error: LegacyError): LegacyReply {
  // Rate limiting is not in the document: it answers a real 429 (api_status "429"), which proxies and clients know.
  if (error.code === ErrorCode.RateLimited) {
    return { status: 429, body: { api_status: '429', errors: { error_id: SOCIAL_ERROR_IDS[error.code], error_text: error.message } } };
  }
  // A retired route is not in the document either: a real 410 (api_status "410").
  if (error.code === 'GONE') return { status: 410, body: { api_status: '410', errors: { error_id: SOCIAL_ERROR_IDS.GONE, error_text: error.message } } };
  const apiStatus = error.code === 'NO_ENDPOINT' ? '404' : error.code === ErrorCode.Internal ? '500' : '400';
  return { status: 200, body: { api_status: apiStatus, errors: { error_id: SOCIAL_ERROR_IDS[error.code] ?? 9, error_text: error.message } } };
}

/** A success body: `api_status` 200 (a number) first, then the endpoint's keys. */
export function ok(body: Record<string, unknown> = {}): Record<string, unknown> {
  return { api_status: 200, ...body };
}
