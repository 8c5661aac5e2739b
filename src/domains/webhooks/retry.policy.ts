/** Delays after the 1st…7th failed attempt (the first attempt is immediate): 8 attempts in all. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

/** Attempts a delivery gets before it is marked failed. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A subscription whose deliveries keep failing this long (scaled) is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;

/** The longest Retry-After honoured (scaled), so a receiver cannot park a delivery for ever. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * When to try again after `attempts` failed attempts, in ms from now, or null when none are left.
 * The scheduled delay is multiplied by `scale` and jittered by ±10%; a Retry-After the receiver
 * sent with 429 or 503 replaces it (scaled as well, no jitter).
 */
export function retryDelay(attempts: number, scale: number, retryAfterMs: number | null = null, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  if (retryAfterMs !== null) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) * scale;
  const base = RETRY_DELAYS_MS[attempts - 1] * scale;
  return Math.max(0, Math.round(base * (0.9 + 0.2 * random())));
}

/** A Retry-After header in ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Whether a status lets the receiver choose the retry time with Retry-After. */
export function honoursRetryAfter(status: number | null): boolean {
  return status === 429 || status === 503;
}
