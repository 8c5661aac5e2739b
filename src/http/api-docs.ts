import type { FastifyInstance } from 'fastify';
import { assetPageHtml, registerNpmAssets } from './npm-assets';
import { pageSecurityHeaders } from './security-headers';

/** The Swagger UI files the page loads; its BaseLayout needs no standalone preset (and has no URL bar). */
const ASSETS = {
  'swagger-ui-bundle.js': { pkg: 'swagger-ui-dist', file: 'swagger-ui-bundle.js', type: 'text/javascript' },
  'swagger-ui.css': { pkg: 'swagger-ui-dist', file: 'swagger-ui.css', type: 'text/css' },
} as const;

/**
 * The page's own script, served as a file so a content-security policy may forbid inline scripts.
 * `validatorUrl: null` keeps Swagger UI from sending the document to validator.swagger.io, and
 * `queryConfigEnabled: false` from reading another document's URL out of the page's query string:
 * the page talks to this gateway only.
 */
const INITIALISER = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
  queryConfigEnabled: false,
  deepLinking: true,
});
`;

/**
 * `GET /docs`: the legacy REST APIs' reference (Swagger UI over `/openapi.json`), from the installed
 * swagger-ui-dist; "Try it out" calls this gateway. Always on, like the document it shows.
 */
export function registerApiDocs(app: FastifyInstance): void {
  const urls = registerNpmAssets(app, '/docs/assets', ASSETS);
  const html = assetPageHtml({
    title: 'API reference · gateway',
    root: { id: 'swagger-ui', loading: 'Loading the API reference…' },
    stylesheets: [urls['swagger-ui.css']],
    scripts: [urls['swagger-ui-bundle.js']],
    initialiser: '/docs/app.js',
  });
  const headers = pageSecurityHeaders({ assets: true, connect: true });
  app.get('/docs', async (_request, reply) => reply.headers(headers).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html));
  app.get('/docs/app.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(INITIALISER));
}
