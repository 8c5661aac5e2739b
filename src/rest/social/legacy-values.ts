/**
 * Values as WoWonder's social API writes them: times as unix seconds in strings, flags as '1' / '0'.
 */

/** An ISO time as unix seconds (rounded down) in a string; `zero` when there is no time (null, undefined or ''). */
export function unixTime(iso: string | null | undefined, zero = '0'): string {
  return iso ? String(Math.floor(Date.parse(iso) / 1000)) : zero;
}

/** A boolean as '1' or '0'. */
export function flag(value: boolean): string {
  return value ? '1' : '0';
}
