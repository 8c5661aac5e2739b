import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../errors';
import type { LegacyError, LegacyReply } from '../route';

const STATUS: Record<string, [number, string]> = {
  [ErrorCode.BadUserInput]: [400, 'BAD_REQUEST'],
  [ErrorCode.Unauthenticated]: [403, 'FORBIDDEN'],
  [ErrorCode.Forbidden]: [403, 'FORBIDDEN'],
  [ErrorCode.NotFound]: [404, 'NOT_FOUND'],
  [ErrorCode.Conflict]: [409, 'CONFLICT'],
  [ErrorCode.RateLimited]: [429, 'TOO_MANY_REQUESTS'],
  [ErrorCode.NotConfigured]: [503, 'SERVICE_UNAVAILABLE'],
  [ErrorCode.RequestTimeout]: [503, 'SERVICE_UNAVAILABLE'],
  METHOD_NOT_ALLOWED: [405, 'METHOD_NOT_ALLOWED'],
  NO_ENDPOINT: [404, 'NOT_FOUND'],
  GONE: [410, 'GONE'],
};

/** The document's timestamp form: microseconds and Z (`2022-02-22T22:22:22.222222Z`). */
export function communityTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** `{"id","status","time","message"}` with the matching HTTP status. */
export function communityError(error: LegacyError): LegacyReply {
  const [status, name] = STATUS[error.code] ?? [500, 'SERVER_ERROR'];
  return { status, body: { id: randomBytes(15).toString('base64url'), status: name, time: communityTime(), message: error.message } };
}

/** Drops null and undefined fields: the community API sends only fields that have a value. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** A list reply with the `has_more` header ("1" or "0"). */
export function page(items: unknown[], hasMore: boolean): LegacyReply {
  return { headers: { has_more: hasMore ? '1' : '0' }, body: items };
}
