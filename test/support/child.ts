import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { BCRYPT_TEST_MIN_COST } from '../../src/config';

/** A gateway running as its own process, as `npm start` runs it (without the build step). */
export interface ChildGateway {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Its base URL once the banner says it is ready; rejects if it exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** Starts src/main.ts on port 0 with `env` over the test process's environment (NODE_ENV=test under Jest, so bcrypt's lowest cost), `preload` modules first. */
export function startChildGateway(env: Record<string, string>, preload: string[] = []): ChildGateway {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...preload.flatMap((file) => ['-r', file]), 'src/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, ENV_FILE: '/dev/null', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BCRYPT_COST: String(BCRYPT_TEST_MIN_COST), ...env },
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match && output.includes('Sign in from GraphiQL')) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, ready, exited };
}
