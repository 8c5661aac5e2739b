/**
 * Values as the marketing API writes them: times as `YYYY-MM-DD HH:MM:SS` in UTC.
 */

/** `YYYY-MM-DD HH:MM:SS` in UTC, or the legacy zero date for "never". */
export function sqlDateTime(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 19) : '0000-00-00 00:00:00';
}
