import { readFileSync } from 'node:fs';

/** One entry of LEGACY_DEPRECATIONS: a route (`METHOD /path`) or a whole family, and what to announce. */
export interface LegacyDeprecation {
  /** `METHOD /path` as the route table mounts it (`GET /api/v1/users/:msid`), or a family name. */
  target: string;
  /** When the route is (or was) deprecated; sent as `Deprecation: @<unix seconds>` (RFC 9745). */
  deprecated: Date | null;
  /** When it stops working; sent as `Sunset: <HTTP-date>` (RFC 8594). */
  sunset: Date | null;
  /** Where the replacement is documented; null: the gateway's /docs page. */
  link: string | null;
  /** After the sunset, answer 410 in the family's envelope. */
  gone: boolean;
}

/** The retirement settings: the entries, and whether every route past its sunset answers 410. */
export interface LegacyDeprecationsConfig {
  entries: LegacyDeprecation[];
  goneAfterSunset: boolean;
}

/** Entries one configuration may hold: more than the route tables have. */
const MAX_ENTRIES = 1000;
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses LEGACY_DEPRECATIONS (inline JSON object, or the path of a JSON file) into entries; throws
 * with a message naming the entry on anything it cannot read. Routes are checked against the route
 * tables later, when they are mounted.
 */
export function parseLegacyDeprecations(raw: string, fail: (problem: string) => Error): LegacyDeprecation[] {
  let text = raw.trim();
  if (!text.startsWith('{')) {
    try {
      text = readFileSync(text, 'utf8');
    } catch (error) {
      throw fail(`cannot read the file "${raw}": ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('expected a JSON object of "METHOD /path" or family name → { deprecated, sunset, link, gone }');
  const keys = Object.keys(parsed);
  if (keys.length > MAX_ENTRIES) throw fail(`at most ${MAX_ENTRIES} entries`);
  return keys.map((target) => entryOf(target, (parsed as Record<string, unknown>)[target], (problem) => fail(`"${target}": ${problem}`)));
}

function entryOf(target: string, value: unknown, fail: (problem: string) => Error): LegacyDeprecation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('expected an object { deprecated, sunset, link, gone }');
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !['deprecated', 'sunset', 'link', 'gone'].includes(k));
  if (unknown.length > 0) throw fail(`unknown field ${unknown.join(', ')}; expected deprecated, sunset, link, gone`);
  const deprecated =
    fields.deprecated === undefined || fields.deprecated === false ? null : fields.deprecated === true ? new Date(Math.floor(Date.now() / 1000) * 1000) : dateOf(fields.deprecated, 'deprecated', fail);
  const sunset = fields.sunset === undefined ? null : dateOf(fields.sunset, 'sunset', fail);
  if (deprecated === null && sunset === null) throw fail('give deprecated, sunset or both');
  if (deprecated && sunset && sunset.getTime() < deprecated.getTime()) throw fail('sunset is before deprecated');
  if (fields.link !== undefined && (typeof fields.link !== 'string' || !/^(https?:\/\/[^\s<>"]+|\/[^\s<>"]*)$/.test(fields.link))) {
    throw fail('link must be an http(s) URL or a root-relative path such as /docs#…');
  }
  if (fields.gone !== undefined && typeof fields.gone !== 'boolean') throw fail('gone must be true or false');
  if (fields.gone === true && sunset === null) throw fail('gone needs a sunset date');
  return { target, deprecated, sunset, link: fields.link ?? null, gone: fields.gone === true };
}

function dateOf(value: unknown, field: string, fail: (problem: string) => Error): Date {
  const date = typeof value === 'string' && DAY_OR_INSTANT.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : null;
  // 2026-02-30 parses as 2 March: a day that does not exist is refused, not moved.
  const real = date !== null && !Number.isNaN(date.getTime()) && (value as string).length > 10 ? true : date?.toISOString().slice(0, 10) === value;
  if (!date || !real) throw fail(`${field} must be ${field === 'deprecated' ? 'true or ' : ''}a date such as 2027-01-31 or 2027-01-31T12:00:00Z, got ${JSON.stringify(value)}`);
  return date;
}
