import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** Whether `taskset` can pin processes here (two cores or more). */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return require('node:os').availableParallelism() >= 2;
  } catch {
    return false;
  }
}

/** Pins this (the load) process to core 1, leaving core 0 to the server under test. */
export function pinSelfToLoadCore(): void {
  if (canPin()) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until the server answered. */
  startMs: number;
  stop(): Promise<void>;
  /** Resident set size in MB, from /proc. */
  rssMb(): number;
}

/** Starts a command pinned to core 0 and waits for `ready` to return a URL from its output. */
export async function startPinned(command: string, args: string[], env: Record<string, string>, ready: (output: string) => string | null, timeoutMs = 30_000): Promise<ServerProcess> {
  const started = performance.now();
  const [file, argv] = canPin() ? ['taskset', ['-c', '0', command, ...args]] : [command, args];
  const child = spawn(file, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before it was ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  const startMs = performance.now() - started;
  return {
    child,
    url,
    startMs,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Polls a URL until it answers 200. */
export async function waitHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
