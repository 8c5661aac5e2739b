import autocannon from 'autocannon';
import { cpuSeconds } from './cpu';

/** One autocannon run's figures. */
export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers, socket errors, timeouts and bodies that failed the check. */
  bad: number;
  /** CPU milliseconds the server process spent per request (user + system), when its pid is known. */
  cpuMsPerRequest?: number;
}

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The exact body every answer must have, or a check of each body. */
  expectBody?: string;
  verifyBody?: (body: string) => boolean;
  /** The server process, whose CPU time per request is measured beside the rate. */
  pid?: number;
}

/** Runs autocannon against one target for `seconds` with `connections` keep-alive connections. */
export async function load(target: LoadTarget, seconds: number, connections = 10): Promise<LoadFigures> {
  const cpuBefore = target.pid === undefined ? 0 : cpuSeconds(target.pid);
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
    expectBody: target.verifyBody ? undefined : target.expectBody,
    verifyBody: target.verifyBody ? (body) => target.verifyBody!(String(body ?? '')) : undefined,
  });
  const bad = result.non2xx + result.errors + result.timeouts + result.mismatches;
  const figures: LoadFigures = {
    rps: result.requests.total / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad,
  };
  if (target.pid !== undefined && result.requests.total > 0) figures.cpuMsPerRequest = ((cpuSeconds(target.pid) - cpuBefore) * 1000) / result.requests.total;
  return figures;
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median figures of several runs. */
export function medianOf(runs: LoadFigures[]): LoadFigures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    bad: runs.reduce((sum, r) => sum + r.bad, 0),
    ...(runs.every((r) => r.cpuMsPerRequest !== undefined) ? { cpuMsPerRequest: median(runs.map((r) => r.cpuMsPerRequest!)) } : {}),
  };
}

/**
 * Measures A against B: a warm-up of each, then A, B, A, B (rounds times); medians of each side.
 * Any bad answer fails the benchmark, so errors cannot pass for speed.
 */
export async function abRuns(name: string, a: () => Promise<LoadFigures>, b: () => Promise<LoadFigures>, rounds: number, warmUp: () => Promise<unknown>): Promise<{ a: LoadFigures; b: LoadFigures }> {
  await warmUp();
  const runsA: LoadFigures[] = [];
  const runsB: LoadFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    runsA.push(await a());
    runsB.push(await b());
    const show = (f: LoadFigures) => `${f.rps.toFixed(1)} rps, p99 ${f.p99} ms`;
    process.stdout.write(`  ${name} round ${round + 1}: A ${show(runsA[round])}; B ${show(runsB[round])}\n`);
  }
  const result = { a: medianOf(runsA), b: medianOf(runsB) };
  for (const [side, figures] of Object.entries(result)) {
    if (figures.bad > 0) throw new Error(`${name}: side ${side.toUpperCase()} had ${figures.bad} bad answers of ${figures.requests}`);
  }
  return result;
}
