/**
 * The cluster scenario: the feed (the feed scenario's query) from one gateway instance over
 * PostgreSQL, then from two instances over the same PostgreSQL database with the load split
 * between them (two load runs at once, half the connections each, summed), as one run and two
 * alternate A/B/A/B. Reports rps and p99 of each and the ratio two ÷ one. The dataset is the
 * benchmark's SQLite file, copied by `npm run db:copy`'s copyDatabase into a database made for the
 * run and dropped after it.
 *
 * The instances get cores as the other scenarios' server does: the first core 0, the next ones
 * cores 2, 3, … (core 1 is the load's), so on two cores both share core 0 and the ratio shows
 * what splitting costs, and with more cores it shows what a second instance adds. PostgreSQL is
 * not pinned. Needs PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 * without it the scenario is skipped with a notice.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { copyDatabase } from '../src/cli/db-copy';
import { feedRequestBody } from './feed';
import { abRuns, load, type LoadFigures, type LoadTarget } from './lib/http-load';
import { cpuDuring } from './lib/cpu';
import { backendPids, createBenchDatabase, postgresProblem } from './lib/postgres';
import { canPin, type ServerProcess } from './lib/processes';
import type { ScenarioResult } from './lib/report';

export interface ClusterSettings {
  /** The benchmark's SQLite dataset, copied to PostgreSQL for the run. */
  sqliteFile: string;
  feedSize: number;
  runSeconds: number;
  warmSeconds: number;
  rounds: number;
  /** Connections in all, split between the instances when there are two. */
  connections: number;
  /** Starts a gateway with these variables over the benchmark's own (DATABASE_URL among them). */
  startGateway(env: Record<string, string>): Promise<ServerProcess>;
  log(line: string): void;
}

/** The core the n-th instance (from 0) runs on: 0, then 2, 3, … wrapping; all on 0 with fewer than three cores. */
function instanceCore(n: number): number {
  const cores = os.availableParallelism();
  return n === 0 || cores < 3 ? 0 : 2 + ((n - 1) % (cores - 2));
}

/** Moves a started server (all its threads) to its core, when this machine can pin. */
function pinInstance(server: ServerProcess, n: number): void {
  const core = instanceCore(n);
  if (core !== 0 && canPin()) execFileSync('taskset', ['-a', '-cp', String(core), String(server.child.pid)], { stdio: 'ignore' });
}

/** Figures of runs made at once against several instances: rps and requests summed, the worst p99, p50 weighted by requests. */
function together(runs: LoadFigures[]): LoadFigures {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  return {
    rps: runs.reduce((sum, r) => sum + r.rps, 0),
    p50: runs.reduce((sum, r) => sum + r.p50 * r.requests, 0) / Math.max(1, requests),
    p99: Math.max(...runs.map((r) => r.p99)),
    requests,
    bad: runs.reduce((sum, r) => sum + r.bad, 0),
  };
}

/**
 * CPU the gateway instances and the database's server processes spent on measured runs, per
 * request: what tells how the figures would grow with more cores (README, "Scaling out").
 */
class CpuTally {
  private gatewaySeconds = 0;
  private postgresSeconds = 0;
  private requests = 0;

  async measure(gatewayPids: () => Promise<number[]>, postgresPids: () => Promise<number[]>, run: () => Promise<LoadFigures>): Promise<LoadFigures> {
    const gateway = await cpuDuring(gatewayPids, () => cpuDuring(postgresPids, run));
    this.gatewaySeconds += gateway.seconds;
    this.postgresSeconds += gateway.result.seconds;
    this.requests += gateway.result.result.requests;
    return gateway.result.result;
  }

  gatewayMs(): number {
    return (this.gatewaySeconds * 1000) / Math.max(1, this.requests);
  }

  postgresMs(): number {
    return (this.postgresSeconds * 1000) / Math.max(1, this.requests);
  }
}

/** The feed request against one instance, checked for the exact bytes `expectBody`. */
function feedTarget(server: ServerProcess, feedSize: number, expectBody?: string): LoadTarget {
  return { url: `${server.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: feedRequestBody(feedSize), expectBody };
}

/**
 * Copies the dataset with `npm run db:copy`'s function (it migrates the empty database first and
 * analyzes it after); answers rows copied.
 */
async function fillFromSqlite(file: string, url: string): Promise<number> {
  const result = await copyDatabase({ from: `sqlite:${file}`, to: url });
  return result.tables.reduce((sum, table) => sum + table.rows, 0);
}

async function answer(target: LoadTarget): Promise<string> {
  return (await fetch(target.url, { method: target.method, headers: target.headers, body: target.body })).text();
}

/**
 * Runs the scenario on a database of its own (created, filled from the SQLite dataset, dropped);
 * answers its result lines, none when PostgreSQL does not answer.
 */
export async function clusterScenario(settings: ClusterSettings): Promise<ScenarioResult[]> {
  const problem = await postgresProblem();
  if (problem) {
    settings.log(`cluster: skipped, ${problem}; set BENCH_POSTGRES_URL to a PostgreSQL server to run it`);
    return [];
  }
  const database = await createBenchDatabase();
  const servers: ServerProcess[] = [];
  try {
    const env = { DATABASE_URL: database.url };
    const copyStarted = performance.now();
    const rows = await fillFromSqlite(settings.sqliteFile, database.url);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    settings.log(`cluster: ${rows} rows copied to PostgreSQL database ${database.name} in ${copySeconds.toFixed(1)} s`);

    const first = await settings.startGateway(env);
    servers.push(first);
    const expected = await answer(feedTarget(first, settings.feedSize));
    if (!expected.includes('"comments":{"nodes":[{')) throw new Error(`cluster: the feed on PostgreSQL has no comments: ${expected.slice(0, 300)}`);
    const second = await settings.startGateway(env);
    servers.push(second);
    pinInstance(second, 1);
    const secondBody = await answer(feedTarget(second, settings.feedSize));
    if (secondBody !== expected) throw new Error(`cluster: the two instances answer different feeds:\n${expected.slice(0, 300)}\n---\n${secondBody.slice(0, 300)}`);
    settings.log(`cluster: feed of ${settings.feedSize} posts, ${expected.length} bytes, identical from both instances`);

    const targets = servers.map((server) => feedTarget(server, settings.feedSize, expected));
    const cpu = { one: new CpuTally(), two: new CpuTally() };
    const gatewayPids = async () => servers.map((server) => server.child.pid!);
    const postgresPids = () => backendPids(database.name);
    const oneInstance = () => cpu.one.measure(gatewayPids, postgresPids, () => load(targets[0], settings.runSeconds, settings.connections));
    const twoInstances = () =>
      cpu.two.measure(gatewayPids, postgresPids, async () => together(await Promise.all(targets.map((target) => load(target, settings.runSeconds, Math.ceil(settings.connections / targets.length))))));
    const warm = async () => {
      for (const target of targets) await load(target, settings.warmSeconds, settings.connections);
    };
    const { a: two, b: one } = await abRuns('cluster (A two instances, B one)', twoInstances, oneInstance, settings.rounds, warm);
    const cores = os.availableParallelism();
    const notes = `${rows} rows copied in ${copySeconds.toFixed(0)} s; ${cores} cores: instances on cores ${instanceCore(0)} and ${instanceCore(1)}, load on core 1, PostgreSQL unpinned; ${settings.connections} connections in all; two-instance p99 is the worse of the two runs`;
    const rpsRatio = two.rps / one.rps;
    const p99Ratio = two.p99 / one.p99;
    // Sharing one core, two instances may lose to the split's overhead but not collapse; with a core each they should add up.
    const [rpsTarget, rpsHolds] = instanceCore(1) === 0 ? (['≥ 0.8× (one core for both)', rpsRatio >= 0.8] as const) : (['≥ 1.5× (a core each)', rpsRatio >= 1.5] as const);
    settings.log(`cluster: one instance ${one.rps.toFixed(0)} rps, p99 ${one.p99} ms; two instances ${two.rps.toFixed(0)} rps, p99 ${two.p99} ms; ratio ${rpsRatio.toFixed(2)}×`);
    settings.log(
      `cluster: CPU per feed request, one instance: gateway ${cpu.one.gatewayMs().toFixed(1)} ms, PostgreSQL ${cpu.one.postgresMs().toFixed(1)} ms; two: ${cpu.two.gatewayMs().toFixed(1)} ms, ${cpu.two.postgresMs().toFixed(1)} ms`,
    );
    return [
      {
        scenario: 'cluster feed rps: two instances vs one (PostgreSQL)',
        gateway: { ...two, 'gateway cpu ms/request': cpu.two.gatewayMs(), 'postgres cpu ms/request': cpu.two.postgresMs() },
        baseline: { ...one, 'gateway cpu ms/request': cpu.one.gatewayMs(), 'postgres cpu ms/request': cpu.one.postgresMs() },
        ratio: rpsRatio,
        target: rpsTarget,
        met: rpsHolds,
        display: `${rpsRatio.toFixed(2)}×`,
        notes,
      },
      {
        scenario: 'cluster feed p99: two instances vs one (PostgreSQL)',
        gateway: { ...two },
        baseline: { ...one },
        ratio: p99Ratio,
        target: '≤ 2×',
        met: p99Ratio <= 2,
        display: `${p99Ratio.toFixed(2)}×`,
        notes,
      },
    ];
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}
