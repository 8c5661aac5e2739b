import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors';
import { LegacyError, type ParamSpec } from './route';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? (value as Record<string, unknown>) : {};
}

/** Query, body and path fields in one object; the body wins over the query, the path over both. */
export function mergedFields(request: FastifyRequest): Record<string, unknown> {
  return { ...record(request.query), ...record(request.body), ...record(request.params) };
}

function first(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * An integer past the 32-bit range the operations take (a Facebook page id, say) is read as the
 * nearest bound: larger than any id the gateway has, so an id names no row and the route answers
 * its own not-found, a keyset offset takes everything, a page or a skip is past the end, and a
 * limit meets its maximum.
 */
export function int32Bound(value: number): number {
  return Math.min(INT_MAX, Math.max(INT_MIN, value));
}

/** An id written as digits (from a list or a path), as `int32Bound` reads it. */
export function idNumber(digits: string): number {
  return int32Bound(Number(digits));
}

/** An integer param in the 32-bit range; an `exact` one (stored as given) is refused past it. */
function int32(spec: ParamSpec, value: number): number {
  if (spec.exact && int32Bound(value) !== value) throw new LegacyError(ErrorCode.BadUserInput, `${spec.name} must be between ${INT_MIN} and ${INT_MAX}`);
  return int32Bound(value);
}

/** Coerces one field to its documented type; throws a BAD_USER_INPUT LegacyError naming the field. */
export function coerce(spec: ParamSpec, raw: unknown): unknown {
  const value = first(raw);
  const fail = (what: string) => new LegacyError(ErrorCode.BadUserInput, `${spec.name} must be ${what}`);
  switch (spec.type) {
    case 'integer': {
      if (typeof value === 'number' && Number.isInteger(value)) return int32(spec, value);
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return int32(spec, Number(value.trim()));
      throw fail('an integer');
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw fail('a number');
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true') return true;
      if (value === 0 || value === '0' || value === 'false') return false;
      throw fail('true or false');
    }
    case 'object': {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      if (typeof value === 'string') {
        try {
          const parsed: unknown = JSON.parse(value);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
        } catch {
          // falls through to the error below
        }
      }
      throw fail('an object');
    }
    case 'array':
      if (Array.isArray(value)) return value;
      if (typeof value === 'string')
        return value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
      throw fail('a list');
    case 'file':
      return value;
    default: {
      if (typeof value === 'string') {
        if (spec.enum && !spec.enum.includes(value)) throw fail(`one of ${spec.enum.join(', ')}`);
        return value;
      }
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw fail('text');
    }
  }
}

/** Checks and types the declared params; undeclared fields stay in `raw` only. */
export function readParams(specs: readonly ParamSpec[], fields: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = fields[spec.name];
    if (isBlank(raw)) {
      if (spec.required) throw new LegacyError(ErrorCode.BadUserInput, spec.requiredMessage ?? `${spec.name} is required`);
      continue;
    }
    values[spec.name] = coerce(spec, raw);
  }
  return values;
}
