/**
 * `npm run example:web`: builds the reference web app in examples/web (codegen, type-check, vite
 * build) and serves its dist/ on an origin of its own, http://localhost:5173 by default, with a
 * `/config.json` that points the app at the gateway (http://localhost:4000 by default).
 *
 *   WEB_PORT=5173 GATEWAY_URL=http://localhost:4000 npm run example:web [-- --no-build]
 *
 * The gateway must allow the app's origin: `CORS_ORIGINS=http://localhost:5173 npm start`.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';

export const EXAMPLE_WEB_DIR = resolve(__dirname, '../examples/web');
const DIST = join(EXAMPLE_WEB_DIR, 'dist');

/** The trusted documents manifest the example's codegen writes (sha256 → document text). */
export const EXAMPLE_WEB_MANIFEST = join(EXAMPLE_WEB_DIR, 'src/gql/persisted-documents.json');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Builds examples/web/dist: codegen, then the type-check unless `typecheck` is false (the browser
 * test skips it to stay fast; `npm run example:web` always runs it), then `vite build`.
 */
// NODE_ENV is production whatever the caller's (Jest sets `test`, which would bundle React's development build).
export function buildExampleWeb(options: { typecheck?: boolean } = {}): void {
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: EXAMPLE_WEB_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (options.typecheck === false) {
    run('npx', ['--no-install', 'graphql-codegen', '--config', 'codegen.ts', '--silent']);
    run('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn']);
  } else {
    run('npm', ['run', 'build']);
  }
}

export interface ExampleWebServer {
  /** The app's origin, e.g. http://localhost:5173. */
  url: string;
  close(): Promise<void>;
}

/** The file under dist/ a request path names, or index.html for an unknown path (the app routes by hash). */
function fileFor(pathname: string): string {
  let path: string;
  try {
    path = resolve(DIST, `.${decodeURIComponent(pathname)}`);
  } catch {
    return join(DIST, 'index.html');
  }
  if (path !== DIST && !path.startsWith(DIST + sep)) return join(DIST, 'index.html');
  return existsSync(path) && statSync(path).isFile() ? path : join(DIST, 'index.html');
}

/**
 * Serves examples/web/dist (GET and HEAD only) and `/config.json` naming the gateway, so one build
 * can be pointed at any gateway. Call buildExampleWeb first.
 */
export function serveExampleWeb(options: {
  /** The gateway's URL, or a function that answers it when the app asks (a test starts the gateway after the app). */
  gatewayUrl: string | (() => string);
  port?: number;
  host?: string;
  sendDocumentText?: boolean;
}): Promise<ExampleWebServer> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no build: run buildExampleWeb() (npm run build -w examples/web) first`);
  const { gatewayUrl } = options;
  const config = () => JSON.stringify({ gatewayUrl: typeof gatewayUrl === 'function' ? gatewayUrl() : gatewayUrl, sendDocumentText: options.sendDocumentText ?? false });
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://app');
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : config());
      return;
    }
    const file = fileFor(pathname);
    const hashed = file.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  const host = options.host ?? 'localhost';
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({
        url: `http://${host}:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function main(): Promise<void> {
  const gatewayUrl = process.env.GATEWAY_URL || 'http://localhost:4000';
  const port = Number(process.env.WEB_PORT || 5173);
  if (!process.argv.includes('--no-build')) buildExampleWeb();
  const app = await serveExampleWeb({ gatewayUrl, port, sendDocumentText: process.env.SEND_DOCUMENT_TEXT === '1' });
  const manifest = relative(process.cwd(), EXAMPLE_WEB_MANIFEST);
  process.stdout.write(
    `The example web app: ${app.url}, against the gateway at ${gatewayUrl}. Start the gateway with its origin and the app's manifest:\n` +
      `  CORS_ORIGINS=${app.url} TRUSTED_DOCUMENTS=${manifest} npm start\n`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
