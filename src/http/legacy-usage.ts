import { createHash } from 'node:crypto';

/** Days of per-day buckets kept per route (UTC days, today included). */
export const LEGACY_USAGE_DAYS = 30;
/** Distinct values a bucket counts exactly before it switches to a HyperLogLog estimate. */
const EXACT_CAP = 64;
/** HyperLogLog registers (2^10): 1 KiB a sketch, about 3 % error. */
const HLL_BITS = 10;
const HLL_SIZE = 1 << HLL_BITS;
/** User agents a route keeps counts for (space-saving: the least counted is replaced). */
const AGENT_SLOTS = 32;
/** Characters of a user agent kept. */
const AGENT_CHARS = 200;

/**
 * Distinct values, bounded: exact up to EXACT_CAP hashed values, then a HyperLogLog of 1 KiB. Values
 * are 64-bit prefixes of SHA-256 digests, so nothing recorded is the credential itself.
 */
export class DistinctCounter {
  private exact: Set<bigint> | null = new Set();
  private registers: Uint8Array | null = null;

  add(hash: bigint): void {
    if (this.exact) {
      this.exact.add(hash);
      if (this.exact.size <= EXACT_CAP) return;
      const all = this.exact;
      this.exact = null;
      this.registers = new Uint8Array(HLL_SIZE);
      for (const value of all) this.addToSketch(value);
      return;
    }
    this.addToSketch(hash);
  }

  private addToSketch(hash: bigint): void {
    const registers = this.registers!;
    const index = Number(hash >> BigInt(64 - HLL_BITS));
    const rest = (hash << BigInt(HLL_BITS)) & 0xffffffffffffffffn;
    let rank = 1;
    for (let bit = 63n; bit >= 0n && !((rest >> bit) & 1n) && rank <= 64 - HLL_BITS; bit--) rank++;
    if (rank > registers[index]) registers[index] = rank;
  }

  /** Whether `count()` is exact (false: a HyperLogLog estimate). */
  get isExact(): boolean {
    return this.exact !== null;
  }

  count(): number {
    if (this.exact) return this.exact.size;
    const registers = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / HLL_SIZE);
    const raw = (alpha * HLL_SIZE * HLL_SIZE) / sum;
    return Math.round(raw <= 2.5 * HLL_SIZE && zeros > 0 ? HLL_SIZE * Math.log(HLL_SIZE / zeros) : raw);
  }

  /** The union of several counters (a route's days). */
  static union(counters: DistinctCounter[]): DistinctCounter {
    const union = new DistinctCounter();
    for (const counter of counters) {
      if (counter.exact) for (const value of counter.exact) union.add(value);
    }
    for (const counter of counters) {
      if (!counter.registers) continue;
      if (union.exact) {
        const pending = union.exact;
        union.exact = null;
        union.registers = new Uint8Array(HLL_SIZE);
        for (const value of pending) union.addToSketch(value);
      }
      for (let i = 0; i < HLL_SIZE; i++) if (counter.registers[i] > union.registers![i]) union.registers![i] = counter.registers[i];
    }
    return union;
  }

  /** Bytes held, for the memory bound. */
  get bytes(): number {
    return this.exact ? this.exact.size * 16 : HLL_SIZE;
  }
}

function hash64(value: string): bigint {
  return createHash('sha256').update(value, 'utf8').digest().readBigUInt64BE(0);
}

interface DayBucket {
  day: string;
  calls: number;
  credentials: DistinctCounter;
  agents: DistinctCounter;
}

interface RouteUsage {
  family: string;
  method: string;
  path: string;
  calls: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Oldest first, at most LEGACY_USAGE_DAYS. */
  days: DayBucket[];
  agents: Map<string, number>;
}

/** One route's usage as the admin query and the metrics show it. */
export interface LegacyRouteUsage {
  family: string;
  method: string;
  path: string;
  calls: number;
  distinctCredentials: number;
  distinctCredentialsExact: boolean;
  distinctUserAgents: number;
  distinctUserAgentsExact: boolean;
  topUserAgents: { userAgent: string; calls: number }[];
  firstSeen: Date;
  lastSeen: Date;
  days: { day: string; calls: number; distinctCredentials: number; distinctUserAgents: number }[];
}

/**
 * Calls, distinct credentials and distinct user agents per legacy route, in this process. Credentials
 * are recorded as hashes of the resolved user and key (never the secret); per-day buckets (UTC) are
 * kept for LEGACY_USAGE_DAYS days. Routes are the mounted route tables, so memory is bounded by
 * routes × days × 2 sketches of at most 1 KiB, plus AGENT_SLOTS agents per route.
 */
export class LegacyUsageRecorder {
  private readonly routes = new Map<string, RouteUsage>();
  private readonly listeners: ((family: string, method: string, path: string) => void)[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Calls `listener` for every recorded call (the Prometheus counter). */
  onCall(listener: (family: string, method: string, path: string) => void): void {
    this.listeners.push(listener);
  }

  /** Records one call; `credential` is a stable id of the caller (user and key ids), or null when none was resolved. */
  record(family: string, method: string, path: string, credential: string | null, userAgent: string | undefined): void {
    const now = this.now();
    const key = `${family} ${method} ${path}`;
    let usage = this.routes.get(key);
    if (!usage) {
      usage = { family, method, path, calls: 0, firstSeen: now, lastSeen: now, days: [], agents: new Map() };
      this.routes.set(key, usage);
    }
    usage.calls++;
    usage.lastSeen = now;
    const day = now.toISOString().slice(0, 10);
    let bucket = usage.days[usage.days.length - 1];
    if (!bucket || bucket.day !== day) {
      bucket = { day, calls: 0, credentials: new DistinctCounter(), agents: new DistinctCounter() };
      usage.days.push(bucket);
      // Days fall out only when a new one starts.
      const oldest = new Date(Date.parse(`${day}T00:00:00Z`) - (LEGACY_USAGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      while (usage.days[0].day < oldest) usage.days.shift();
    }
    bucket.calls++;
    if (credential !== null) bucket.credentials.add(hash64(credential));
    const agent = (userAgent ?? '').slice(0, AGENT_CHARS);
    bucket.agents.add(hash64(agent));
    countAgent(usage.agents, agent);
    for (const listener of this.listeners) listener(family, method, path);
  }

  /** Every route called in this process, most called first; `topAgents` agents each. */
  usage(topAgents = 5): LegacyRouteUsage[] {
    return [...this.routes.values()]
      .map((route) => {
        const credentials = DistinctCounter.union(route.days.map((d) => d.credentials));
        const agents = DistinctCounter.union(route.days.map((d) => d.agents));
        return {
          family: route.family,
          method: route.method,
          path: route.path,
          calls: route.calls,
          distinctCredentials: credentials.count(),
          distinctCredentialsExact: credentials.isExact,
          distinctUserAgents: agents.count(),
          distinctUserAgentsExact: agents.isExact,
          topUserAgents: [...route.agents]
            .sort((a, b) => b[1] - a[1])
            .slice(0, topAgents)
            .map(([userAgent, calls]) => ({ userAgent, calls })),
          firstSeen: route.firstSeen,
          lastSeen: route.lastSeen,
          days: route.days.map((d) => ({ day: d.day, calls: d.calls, distinctCredentials: d.credentials.count(), distinctUserAgents: d.agents.count() })),
        };
      })
      .sort((a, b) => b.calls - a.calls || a.path.localeCompare(b.path));
  }

  /** Bytes the counters hold (sketches, exact sets, agent names), for tests of the bound. */
  approximateBytes(): number {
    let bytes = 0;
    for (const route of this.routes.values()) {
      for (const day of route.days) bytes += day.credentials.bytes + day.agents.bytes;
      for (const agent of route.agents.keys()) bytes += agent.length * 2 + 16;
    }
    return bytes;
  }
}

/**
 * Space-saving top-k: a known agent counts up; a new one takes a free slot, or replaces the least
 * counted and inherits its count (an overestimate, as the algorithm allows).
 */
function countAgent(agents: Map<string, number>, agent: string): void {
  const known = agents.get(agent);
  if (known !== undefined) {
    agents.set(agent, known + 1);
    return;
  }
  if (agents.size < AGENT_SLOTS) {
    agents.set(agent, 1);
    return;
  }
  let least: string | null = null;
  let leastCount = Infinity;
  for (const [name, count] of agents) {
    if (count < leastCount) {
      least = name;
      leastCount = count;
    }
  }
  agents.delete(least!);
  agents.set(agent, leastCount + 1);
}
