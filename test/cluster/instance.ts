import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** One gateway instance of the cluster: the built gateway as its own process, as `npm start` runs it. */
export interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts dist/src/main.js on port 0 with `env` over this process's environment and resolves with
 * its URL once the banner is out; rejects, with what it printed, if it exits or stalls first.
 */
export function startInstance(name: string, env: Record<string, string>, timeoutMs = 30_000): Promise<Instance> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ENV_FILE: '/dev/null', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise<Instance>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`instance ${name} did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match && output.includes('Sign in from GraphiQL')) {
        clearTimeout(timer);
        resolve({ name, child, url: match[1], output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance ${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
