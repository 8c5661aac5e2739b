#!/usr/bin/env node
// `npm run dev`: `tsc --watch` (emitting decorator metadata, as type-graphql needs) rebuilds dist/, and the
// server restarts after each build that type-checks and when the env file changes. Ctrl-C stops both.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { stripVTControlCharacters } = require('node:util');
const { newestSourceTime } = require('./build-if-needed');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist/src/main.js');
const envFile = path.resolve(process.env.ENV_FILE?.trim() || '.env');
const say = (line) => console.log(`[dev] ${line}`);

let server = null;
let stopping = false;
let restarting = Promise.resolve();

function startServer() {
  server = spawn(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit' });
  say(`server started (pid ${server.pid}): node dist/src/main.js`);
  const child = server;
  child.on('exit', (code, signal) => {
    if (server === child) server = null;
    if (!stopping && child.expected !== true) say(`server exited (${signal ?? `code ${code}`}); it starts again after the next successful build`);
  });
}

/** Stops a child: SIGTERM (the server drains), SIGKILL after `graceMs`; resolves once it has exited. */
function stopChild(child, graceMs) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.expected = true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
const stopServer = () => stopChild(server, 12_000);

/** Restarts are queued one after another, so two quick builds never run two servers. */
function restart(reason) {
  restarting = restarting.then(async () => {
    if (stopping) return;
    if (server) say(`${reason}: restarting the server`);
    await stopServer();
    if (!stopping) startServer();
  });
}

const startedAt = Date.now();
const freshAtStart = fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= newestSourceTime();
say('tsc --watch -p tsconfig.build.json rebuilds dist/ on every change to src/ or migrations/ (nothing is emitted while there are type errors)');
say(`node dist/src/main.js restarts after each build that type-checks, and when ${path.relative(process.cwd(), envFile) || envFile} changes; Ctrl-C stops both`);
if (freshAtStart) startServer();
else say('dist/ is missing or older than the sources: the server starts after the first build');

const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '--watch', '--preserveWatchOutput', '--noEmitOnError', '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
say(`tsc started (pid ${tsc.pid})`);
let firstBuild = true;
let pending = '';
tsc.stdout.on('data', (chunk) => {
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    if (line.trim() === '') continue;
    console.log(`[tsc] ${stripVTControlCharacters(line)}`);
    const found = /Found (\d+) errors?\. Watching for file changes/.exec(line);
    if (!found) continue;
    const errors = Number(found[1]);
    const initial = firstBuild;
    firstBuild = false;
    if (errors > 0) {
      say(`${errors} type error${errors === 1 ? '' : 's'}: dist/ is unchanged and the server ${server ? 'keeps running the last good build' : 'waits for a build that type-checks'}`);
    } else if (initial && server && newestSourceTime() < startedAt) {
      say('first build matches what the server runs: no restart');
    } else {
      restart('rebuilt');
    }
  }
});
tsc.on('exit', (code, signal) => {
  if (stopping) return;
  say(`tsc exited (${signal ?? `code ${code}`}): stopping`);
  void shutdown(1);
});

fs.watchFile(envFile, { interval: 1000 }, (now, before) => {
  if (now.mtimeMs !== before.mtimeMs) restart(`${path.basename(envFile)} changed`);
});

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping tsc and the server');
  fs.unwatchFile(envFile);
  await Promise.all([stopChild(tsc, 5000), stopServer()]);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
