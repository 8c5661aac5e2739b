/**
 * `npm run bench [-- --quick]`: the gateway against a raw-SQL baseline, in one run.
 *
 * Generates a dataset, starts the built gateway and the raw baseline pinned to core 0 (this load
 * process takes core 1), then runs each scenario as warm-up + A/B/A/B and reports medians: a table
 * on stdout, bench/results.json and bench/results.svg. Every answer is checked (status and body),
 * so errors cannot pass for speed. `--quick` is a small dataset and short runs, for CI; it asserts
 * no timings. The cluster scenario (bench/cluster.ts) runs when PostgreSQL answers, on a copy of
 * the dataset.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { clusterScenario } from './cluster';
import { type Dataset, FULL, generateDataset, QUICK } from './dataset';
import { toGlobalId } from '../src/graphql/node';
import { FANOUT_SUBSCRIPTION, FEED_QUERY, feedRequestBody } from './feed';
import { cpuSeconds } from './lib/cpu';
import { FanoutSide, graphqlSubscribers, rawSubscribers, sleep } from './lib/fanout';
import { abRuns, load, type LoadFigures, type LoadTarget, median, medianOf } from './lib/http-load';
import { pinSelfToLoadCore, ROOT, type ServerProcess, startPinned, waitHealthy } from './lib/processes';
import { machine, type ScenarioResult, table, writeResults } from './lib/report';

const SCENARIOS = ['statements', 'feed', 'loaders', 'shim', 'writes', 'fanout', 'startup', 'cluster'];

/** `--quick`, and `--only feed,shim` (or `--only=feed,shim`): just those scenarios. Anything else is refused before any work. */
function parseOptions(): { quick: boolean; only: string[] | null } {
  try {
    const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } }, strict: true });
    const only = values.only === undefined ? null : values.only.split(',').map((name) => name.trim());
    const unknown = only?.filter((name) => !SCENARIOS.includes(name)) ?? [];
    if (unknown.length > 0 || only?.length === 0) throw new Error(`unknown scenario ${unknown.join(', ') || '(none named)'}`);
    return { quick: values.quick, only };
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\nusage: npm run bench [-- --quick] [--only ${SCENARIOS.join(',')}]\n`);
    process.exit(2);
  }
}

const { quick, only } = parseOptions();
const wanted = (scenario: string) => only === null || only.includes(scenario);
const RUN_SECONDS = quick ? 1 : 5;
const WARM_SECONDS = quick ? 0.5 : 5;
const ROUNDS = quick ? 1 : 2;
const CONNECTIONS = 10;
const FEED_SIZE = 50;

const ADMIN_PASSWORD = 'bench-admin-password';
const ADMIN_API_KEY = 'bench-admin-api-key-0123456789abcdefghijkl';
const SERVER_KEY = 'bench-server-key-0123456789';

/** Modules of the built gateway (dist/), loaded as the server runs them. */
const dist = (module: string) => require(path.join(ROOT, 'dist', module));

const results: ScenarioResult[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);

function gatewayEnv(file: string, uploads: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    ADMIN_PASSWORD,
    ADMIN_API_KEY,
    SERVER_KEY,
    UPLOAD_DIR: uploads,
    // The load comes from one address at well over the default limits.
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_CREDENTIAL: '0',
    ...extra,
  };
}

function startGateway(file: string, uploads: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
  return startPinned('node', ['dist/src/main.js'], gatewayEnv(file, uploads, extra), (out) => /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(out)?.[1] ?? null);
}

function startRaw(file: string): Promise<ServerProcess> {
  return startPinned(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'bench/raw-server.ts', file], {}, (out) => {
    const port = /listening (\d+)/.exec(out)?.[1];
    return port ? `http://127.0.0.1:${port}` : null;
  });
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const ratioResult = (scenario: string, gateway: LoadFigures, baseline: LoadFigures, figure: 'rps' | 'p99', target: string, holds: (ratio: number) => boolean, notes?: string): ScenarioResult => {
  const ratio = gateway[figure] / baseline[figure];
  return { scenario, gateway: { ...gateway }, baseline: { ...baseline }, ratio, target, met: holds(ratio), display: `${ratio.toFixed(2)}×`, notes };
};

const timed =
  (target: LoadTarget, seconds = RUN_SECONDS) =>
  () =>
    load(target, seconds, CONNECTIONS);
const warm =
  (...targets: LoadTarget[]) =>
  async () => {
    for (const target of targets) await load(target, WARM_SECONDS, CONNECTIONS);
  };

/** The feed request to the gateway, and to the raw baseline's wide (`select *`) and narrow endpoints. */
function feedTargets(gateway: ServerProcess, raw: ServerProcess): { gateway: LoadTarget; wide: LoadTarget; narrow: LoadTarget } {
  return {
    gateway: { url: `${gateway.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: feedRequestBody(FEED_SIZE), pid: gateway.child.pid },
    wide: { url: `${raw.url}/feed?n=${FEED_SIZE}`, pid: raw.child.pid },
    narrow: { url: `${raw.url}/feed-narrow?n=${FEED_SIZE}`, pid: raw.child.pid },
  };
}

/** Asks each target once; every body must be the gateway's, byte for byte. Sets `expectBody` on all. */
async function checkedFeed(targets: { gateway: LoadTarget; wide: LoadTarget; narrow: LoadTarget }): Promise<string> {
  const { gateway } = targets;
  const expected = await (await fetch(gateway.url, { method: 'POST', headers: gateway.headers, body: gateway.body })).text();
  if (!expected.includes('"comments":{"nodes":[{')) throw new Error('feed: the dataset gave posts without comments');
  for (const [name, target] of Object.entries(targets)) {
    const body = name === 'gateway' ? expected : await (await fetch(target.url)).text();
    if (body !== expected) throw new Error(`feed: the raw baseline's ${name} body differs from the gateway's:\n${expected.slice(0, 400)}\n---\n${body.slice(0, 400)}`);
    target.expectBody = expected;
  }
  return expected;
}

/**
 * Feed through GraphQL against the raw baseline's two endpoints, in fresh processes: each round
 * starts a new gateway and raw server, warms them, and measures the three sides in an order that
 * alternates between rounds (so no side always runs first or last); medians over rounds, with the
 * CPU milliseconds each server spent per request beside its rate (steadier than the rate). Returns
 * the checked feed request on the long-lived gateway, which other scenarios reuse; `measure` false
 * only checks.
 */
async function feedScenario(gateway: ServerProcess, raw: ServerProcess, file: string, uploads: string, measure: boolean): Promise<LoadTarget> {
  const targets = feedTargets(gateway, raw);
  const expected = await checkedFeed(targets);
  log(`feed: ${FEED_SIZE} posts, ${expected.length} bytes, identical from the gateway, raw and narrow raw`);
  if (!measure) return targets.gateway;
  const runs: Record<'gateway' | 'wide' | 'narrow', LoadFigures[]> = { gateway: [], wide: [], narrow: [] };
  const rounds = Math.max(ROUNDS, quick ? 1 : 2);
  for (let round = 0; round < rounds; round++) {
    const freshGateway = await startGateway(file, uploads);
    const freshRaw = await startRaw(file);
    try {
      const fresh = feedTargets(freshGateway, freshRaw);
      await checkedFeed(fresh);
      for (const target of Object.values(fresh)) await load(target, WARM_SECONDS, CONNECTIONS);
      const order = (['gateway', 'wide', 'narrow'] as const).slice();
      if (round % 2 === 1) order.reverse();
      for (const side of order) runs[side].push(await timed(fresh[side])());
      const show = (f: LoadFigures) => `${f.rps.toFixed(1)} rps, ${f.cpuMsPerRequest?.toFixed(2) ?? '?'} CPU ms, p99 ${f.p99} ms`;
      log(`  feed round ${round + 1} (fresh processes, ${order.join(' → ')}): gateway ${show(runs.gateway[round])}; raw ${show(runs.wide[round])}; narrow raw ${show(runs.narrow[round])}`);
    } finally {
      await freshGateway.stop();
      await freshRaw.stop();
    }
  }
  const [a, wide, narrow] = [medianOf(runs.gateway), medianOf(runs.wide), medianOf(runs.narrow)];
  for (const [side, figures] of Object.entries({ gateway: a, raw: wide, 'narrow raw': narrow })) {
    if (figures.bad > 0) throw new Error(`feed: ${side} had ${figures.bad} bad answers of ${figures.requests}`);
  }
  const cpu = (f: LoadFigures) => f.cpuMsPerRequest?.toFixed(2) ?? '?';
  const cpuNote = (baseline: LoadFigures) => `CPU ms per request: gateway ${cpu(a)}, baseline ${cpu(baseline)} (${rounds} fresh processes a side)`;
  results.push(ratioResult('feed rps vs raw', a, wide, 'rps', '≥ 0.8×', (r) => r >= 0.8, cpuNote(wide)));
  results.push(ratioResult('feed rps vs narrow raw', a, narrow, 'rps', '≥ 0.55×', (r) => r >= 0.55, cpuNote(narrow)));
  results.push(ratioResult('feed p99 vs raw', a, wide, 'p99', '≤ 2×', (r) => r <= 2));
  if (a.cpuMsPerRequest !== undefined && wide.cpuMsPerRequest !== undefined) {
    const ratio = a.cpuMsPerRequest / wide.cpuMsPerRequest;
    results.push({
      scenario: 'feed CPU ms per request vs raw',
      gateway: { ...a },
      baseline: { ...wide },
      ratio,
      target: '≤ 1.25× (as rps ≥ 0.8×)',
      met: ratio <= 1.25,
      display: `${ratio.toFixed(2)}× (${cpu(a)} vs ${cpu(wide)} ms)`,
    });
  }
  return targets.gateway;
}

/** SQL statements per feed request at several sizes, with loaders on and off, counted by Kysely's log hook. */
async function statementScenario(file: string, uploads: string): Promise<void> {
  const { startApp } = dist('src/app');
  const { loadConfig } = dist('src/config');
  const counts: Record<string, number> = {};
  for (const batching of ['1', '0']) {
    let statements = 0;
    const app = await startApp(loadConfig({ ...gatewayEnv(file, uploads), LOADER_BATCHING: batching, WEBHOOK_DISPATCH: '0' }), {
      logger: false,
      onQuery: () => statements++,
    });
    try {
      for (const n of batching === '1' ? [10, 50, 100] : [50]) {
        await graphql(app.url, FEED_QUERY, { n }); // warms the statement cache, as in steady state
        statements = 0;
        await graphql(app.url, FEED_QUERY, { n });
        counts[`${batching === '1' ? 'on' : 'off'}@${n}`] = statements;
      }
    } finally {
      await app.stop();
    }
  }
  dist('src/graphql/batch').setLoaderBatching(true);
  const same = counts['on@10'] === counts['on@50'] && counts['on@50'] === counts['on@100'];
  // List levels of the feed: posts, their authors, tags, comments and the comments' authors; +1 is the boards' visibility.
  const bound = 5 + 1;
  results.push({
    scenario: 'SQL statements per feed',
    gateway: { 'N=10': counts['on@10'], 'N=50': counts['on@50'], 'N=100': counts['on@100'], 'off N=50': counts['off@50'] },
    baseline: null,
    ratio: counts['on@50'],
    target: `same at N=10/50/100, ≤ ${bound}`,
    met: same && counts['on@50'] <= bound,
    display: `${counts['on@10']}/${counts['on@50']}/${counts['on@100']} (off: ${counts['off@50']})`,
  });
  log(`statements per feed: N=10 ${counts['on@10']}, N=50 ${counts['on@50']}, N=100 ${counts['on@100']}; loaders off at N=50: ${counts['off@50']}`);
}

/** The same feed with batching switched off, on its own gateway. */
async function loadersScenario(file: string, uploads: string, gatewayFeed: LoadTarget): Promise<void> {
  const unbatched = await startGateway(file, uploads, { LOADER_BATCHING: '0', WEBHOOK_DISPATCH: '0' });
  try {
    const offFeed: LoadTarget = { ...gatewayFeed, url: `${unbatched.url}/graphql`, pid: unbatched.child.pid };
    const { a, b } = await abRuns('loaders', timed(gatewayFeed), timed(offFeed), ROUNDS, warm(gatewayFeed, offFeed));
    const speedUp = a.rps / b.rps;
    results.push({ scenario: 'loaders on vs off (N=50)', gateway: { ...a }, baseline: { ...b }, ratio: speedUp, target: '≥ 4× faster', met: speedUp >= 4, display: `${speedUp.toFixed(1)}× faster` });
  } finally {
    await unbatched.stop();
  }
}

/** A legacy shim request against the direct GraphQL request for the identical operation. */
async function shimScenario(gateway: ServerProcess, data: Dataset, adminToken: string): Promise<void> {
  const { postRoutes } = dist('src/rest/community/post.routes');
  const { socialRoutes } = dist('src/rest/social/identity.routes');
  const { readParams } = dist('src/rest/input');
  const viewPost = postRoutes.find((r: any) => r.path === '/posts/:post_id' && r.method === 'GET');
  const userData = socialRoutes.find((r: any) => r.path === '/get-user-data');
  const basic = `Basic ${Buffer.from(`admin:${ADMIN_API_KEY}`).toString('base64')}`;
  const fetchAll = 'user_data,followers,following,liked_pages,joined_groups';
  const userFields = { user_id: String(data.sampleUserId), fetch: fetchAll };
  const userVariables = userData.variables({ values: readParams(userData.params, userFields), raw: userFields, request: null, viewer: null });
  const token = data.tokens[0];

  // Viewing a post counts a view, so its size may grow by a digit or two; the check allows that.
  const aboutSize = async (target: LoadTarget) => {
    const text = await (await fetch(target.url, { method: target.method, headers: target.headers, body: target.body })).text();
    const size = text.length;
    return { ...target, verifyBody: (body: string) => Math.abs(body.length - size) <= 4 && !body.includes('"errors"') };
  };
  const exact = async (target: LoadTarget) => {
    const text = await (await fetch(target.url, { method: target.method, headers: target.headers, body: target.body })).text();
    if (text.includes('"errors"') || text.includes('"api_status":"4')) throw new Error(`shim: ${target.url} answered an error: ${text.slice(0, 300)}`);
    return { ...target, expectBody: text };
  };
  const communityShim = await aboutSize({ url: `${gateway.url}/api/v1/posts/${data.samplePostId}`, headers: { authorization: basic } });
  const communityDirect = await aboutSize({
    url: `${gateway.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: viewPost.operation, variables: viewPost.variables({ values: { post_id: data.samplePostId } }) }),
  });
  const socialShim = await exact({
    url: `${gateway.url}/api/get-user-data?access_token=${token}`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ server_key: SERVER_KEY, ...userFields }).toString(),
  });
  const socialDirect = await exact({
    url: `${gateway.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: userData.operation, variables: userVariables }),
  });
  for (const [name, shim, direct] of [
    ['community GET /posts/{id}', communityShim, communityDirect],
    ['social /get-user-data', socialShim, socialDirect],
  ] as const) {
    const { a, b } = await abRuns(name, timed(shim), timed(direct), ROUNDS, warm(shim, direct));
    results.push(ratioResult(`shims vs direct GraphQL: ${name} rps`, a, b, 'rps', '≥ 0.95×', (r) => r >= 0.95));
    results.push(ratioResult(`shims vs direct GraphQL: ${name} p99`, a, b, 'p99', '≤ 1.1×', (r) => r <= 1.1));
  }
}

/** The feed while 100 mutations a second run (direct messages sent through GraphQL), against the feed alone. */
async function readsUnderWritesScenario(gateway: ServerProcess, data: Dataset, gatewayFeed: LoadTarget): Promise<void> {
  let sent = 0;
  let failed = 0;
  const withWrites = async () => {
    let running = true;
    const writer = (async () => {
      const started = performance.now();
      for (let i = 0; running; i++) {
        const wait = started + i * 10 - performance.now();
        if (wait > 0) await sleep(wait);
        // Direct messages from one user to 50 others: a chat app's usual write.
        const toUserId = data.tokenUserIds[2 + (i % 50)];
        graphql(
          gateway.url,
          'mutation BenchWrite($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
          {
            input: { toUserId: toGlobalId('User', toUserId), text: `write ${i}` },
          },
          data.tokens[1],
        ).then(
          () => sent++,
          () => failed++,
        );
      }
    })();
    try {
      return await load(gatewayFeed, RUN_SECONDS, CONNECTIONS);
    } finally {
      running = false;
      await writer;
    }
  };
  const { a, b } = await abRuns('reads under writes', withWrites, timed(gatewayFeed), ROUNDS, warm(gatewayFeed));
  if (failed > 0) throw new Error(`reads under writes: ${failed} of ${sent + failed} mutations failed`);
  const notes = `${sent} mutations during the write runs (${(sent / (ROUNDS * RUN_SECONDS)).toFixed(0)}/s)`;
  results.push(ratioResult('reads under 100 writes/s vs reads alone', a, b, 'rps', '≥ 0.85×', (r) => r >= 0.85, notes));
  results.push(ratioResult('reads under 100 writes/s p99 vs reads alone', a, b, 'p99', '≤ 1.5×', (r) => r <= 1.5, notes));
}

/** Reads the gateway's subscription counters from /metrics. */
async function subscriptionCounters(url: string): Promise<{ executions: number; deliveries: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { executions: value('gateway_subscription_executions_total'), deliveries: value('gateway_subscription_deliveries_total') };
}

/** N graphql-ws subscribers to one chat against a raw `ws` broadcast of the same bytes, 10 messages a second. */
async function fanoutScenario(gateway: ServerProcess, raw: ServerProcess, data: Dataset, subscribers: number): Promise<void> {
  const tokens = data.tokens.slice(0, subscribers);
  const sender = data.tokens[0];
  const chatId = data.fanoutChatId;
  const gatewaySide = new FanoutSide(`gw${subscribers}`, subscribers, async (text) => {
    const response = await fetch(`${gateway.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sender}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ message: text }).toString(),
    });
    if (response.status !== 200) throw new Error(`fan-out send answered ${response.status}: ${await response.text()}`);
  });
  const rawSide = new FanoutSide(`raw${subscribers}`, subscribers, async (text) => {
    const response = await fetch(`${raw.url}/send`, { method: 'POST', body: JSON.stringify({ chatId, senderId: data.tokenUserIds[0], text }) });
    if (response.status !== 200) throw new Error(`raw send answered ${response.status}`);
  });
  const wsUrl = gateway.url.replace(/^http/, 'ws') + '/graphql';
  const clients = await graphqlSubscribers(wsUrl, tokens, FANOUT_SUBSCRIPTION, toGlobalId('Chat', chatId), gatewaySide.onText);
  const sockets = await rawSubscribers(`${raw.url.replace(/^http/, 'ws')}/ws`, subscribers, rawSide.onText);
  try {
    await gatewaySide.ready();
    await rawSide.ready();
    const seconds = quick ? 1 : 4;
    await gatewaySide.run(quick ? 1 : 3, 10); // warm-up of both sides, not counted
    await rawSide.run(quick ? 1 : 3, 10);
    const before = await subscriptionCounters(gateway.url);
    const runsA = [];
    const runsB = [];
    const cpu = { gateway: 0, raw: 0 };
    const timed = async (pid: number, side: FanoutSide, tally: 'gateway' | 'raw') => {
      const before = cpuSeconds(pid);
      const figures = await side.run(seconds, 10);
      cpu[tally] += cpuSeconds(pid) - before;
      return figures;
    };
    for (let round = 0; round < ROUNDS; round++) {
      runsA.push(await timed(gateway.child.pid!, gatewaySide, 'gateway'));
      runsB.push(await timed(raw.child.pid!, rawSide, 'raw'));
    }
    const after = await subscriptionCounters(gateway.url);
    const missing = [...runsA, ...runsB].reduce((sum, r) => sum + r.missing, 0);
    if (missing > 0) throw new Error(`fan-out ${subscribers}: ${missing} receipts missing`);
    const messages = runsA.reduce((sum, r) => sum + r.messages, 0);
    const cpuMs = { gateway: (cpu.gateway * 1000) / messages, raw: (cpu.raw * 1000) / runsB.reduce((sum, r) => sum + r.messages, 0) };
    const executionsPerEvent = (after.executions - before.executions) / messages;
    const deliveriesPerEvent = (after.deliveries - before.deliveries) / messages;
    const a = {
      p50: median(runsA.map((r) => r.p50)),
      p99: median(runsA.map((r) => r.p99)),
      'cpu ms/event': cpuMs.gateway,
      'executions/event': executionsPerEvent,
      'deliveries/event': deliveriesPerEvent,
    };
    const b = { p50: median(runsB.map((r) => r.p50)), p99: median(runsB.map((r) => r.p99)), 'cpu ms/event': cpuMs.raw };
    const ratio = a.p99 / b.p99;
    results.push({
      scenario: `fan-out ${subscribers} subscribers p99 vs raw ws`,
      gateway: a,
      baseline: b,
      ratio,
      target: subscribers >= 1000 ? '≤ 1.5× and p99 ≤ 50 ms' : '≤ 2×',
      met: subscribers >= 1000 ? ratio <= 1.5 && a.p99 <= 50 : ratio <= 2,
      display: `${ratio.toFixed(2)}× (${a.p99.toFixed(1)} ms)`,
    });
    results.push({
      scenario: `fan-out ${subscribers}: executions per event`,
      gateway: { 'executions/event': executionsPerEvent, 'deliveries/event': deliveriesPerEvent },
      baseline: null,
      ratio: executionsPerEvent,
      target: '≤ groups (1 here)',
      met: executionsPerEvent <= 1,
      display: `${executionsPerEvent.toFixed(2)} per event, ${deliveriesPerEvent.toFixed(0)} deliveries`,
    });
    log(
      `fan-out ${subscribers}: gateway p99 ${a.p99.toFixed(1)} ms, raw p99 ${b.p99.toFixed(1)} ms, ${executionsPerEvent.toFixed(2)} executions per event; CPU ms per event: gateway ${cpuMs.gateway.toFixed(2)}, raw ${cpuMs.raw.toFixed(2)}`,
    );
  } finally {
    await Promise.all(clients.map(async (client) => client.dispose()));
    for (const socket of sockets) socket.close();
  }
}

/** Cold start to healthy of the built gateway on the migrated dataset, and idle RSS: medians of 3. */
async function startupScenario(file: string, uploads: string): Promise<void> {
  const starts: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const gateway = await startGateway(file, uploads);
    await waitHealthy(`${gateway.url}/healthz`);
    starts.push(performance.now() - started);
    await sleep(quick ? 500 : 2000);
    rss.push(gateway.rssMb());
    await gateway.stop();
  }
  const startMs = median(starts);
  const rssMb = median(rss);
  results.push({ scenario: 'cold start to healthy (built)', gateway: { ms: startMs }, baseline: null, ratio: startMs, target: '≤ 1000 ms', met: startMs <= 1000, display: `${startMs.toFixed(0)} ms` });
  results.push({ scenario: 'idle RSS', gateway: { mb: rssMb }, baseline: null, ratio: rssMb, target: '≤ 110 MB', met: rssMb <= 110, display: `${rssMb.toFixed(0)} MB` });
}

async function main(): Promise<void> {
  const began = performance.now();
  pinSelfToLoadCore();
  const work = mkdtempSync(path.join(os.tmpdir(), 'gateway-bench-'));
  const file = path.join(work, 'bench.db');
  const uploads = path.join(work, 'uploads');
  log(`${quick ? 'quick' : 'full'} run on ${machine().cores} cores (${machine().cpu}), ${process.version}; data in ${work}`);
  const servers: ServerProcess[] = [];
  try {
    const data = await generateDataset(file, quick ? QUICK : FULL, { progress: true });
    if (wanted('statements')) await statementScenario(file, uploads);
    const gateway = await startGateway(file, uploads);
    servers.push(gateway);
    const raw = await startRaw(file);
    servers.push(raw);
    const login = await graphql(gateway.url, 'mutation BenchLogin($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }', {
      login: 'admin',
      password: ADMIN_PASSWORD,
    });
    const gatewayFeed = await feedScenario(gateway, raw, file, uploads, wanted('feed'));
    if (wanted('loaders')) await loadersScenario(file, uploads, gatewayFeed);
    if (wanted('shim')) await shimScenario(gateway, data, login.login.token);
    if (wanted('writes')) await readsUnderWritesScenario(gateway, data, gatewayFeed);
    if (wanted('fanout')) {
      for (const subscribers of quick ? [Math.min(100, data.tokens.length)] : [100, 1000]) await fanoutScenario(gateway, raw, data, subscribers);
    }
    for (const server of servers.splice(0)) await server.stop();
    if (wanted('startup')) await startupScenario(file, uploads);
    if (wanted('cluster')) {
      const settings = { sqliteFile: file, feedSize: FEED_SIZE, runSeconds: RUN_SECONDS, warmSeconds: WARM_SECONDS, rounds: ROUNDS, connections: CONNECTIONS, log };
      results.push(...(await clusterScenario({ ...settings, startGateway: (env) => startGateway(file, uploads, env) })));
    }
  } finally {
    for (const server of servers) await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - began) / 1000;
  log('');
  log(table(results));
  const written = writeResults(path.join(ROOT, 'bench'), results, { mode: quick ? 'quick' : 'full', date: new Date().toISOString(), seconds: Math.round(seconds) });
  log(`\n${results.filter((r) => r.met).length}/${results.length} targets met; ${seconds.toFixed(0)} s; wrote ${path.relative(ROOT, written.json)} and ${path.relative(ROOT, written.svg)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
