/** Accounts whose failures are remembered at once; the oldest are forgotten first beyond this. */
const MAX_TRACKED_ACCOUNTS = 100_000;

/**
 * Failed sign-ins per account (the login name as typed, so unknown accounts are throttled the
 * same way and the answer tells nothing about which exist) in a sliding window. Past the limit,
 * sign-in is refused without checking the password until the oldest failure leaves the window.
 * Every attempt counts, however requests are packed: each aliased `login` in one document is one.
 * Kept in this process; with several instances each counts its own (shared counters: issue 10).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the account may try again; 0 when it may now. */
  retryAfterSeconds(login: string): number {
    const recent = this.recent(accountKey(login));
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.maxFailures] + this.windowMs - this.now()) / 1000));
  }

  failed(login: string): void {
    const key = accountKey(login);
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key); // re-inserted last: the map stays ordered oldest first
    this.failures.set(key, recent);
    if (this.failures.size > MAX_TRACKED_ACCOUNTS) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeeded(login: string): void {
    this.failures.delete(accountKey(login));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}

function accountKey(login: string): string {
  return login.trim().toLowerCase();
}
