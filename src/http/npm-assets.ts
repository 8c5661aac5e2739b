import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** A browser file of an installed npm package, served under a name of its own. */
export interface NpmAsset {
  pkg: string;
  /** The file's path inside the package. */
  file: string;
  type: 'text/javascript' | 'text/css';
}

/** The installed version goes in every asset URL, so a browser may keep an asset as long as it likes. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/**
 * Serves exactly the listed files of installed npm packages at `<prefix>/<name>`, so a page needs no
 * CDN and nothing else of a package folder is reachable; each file is read once, at its first
 * request, and kept (the list bounds the memory). Returns each name's URL, which carries its
 * package's installed version: a new install is fetched anew, and an asset may be cached for good.
 */
export function registerNpmAssets<Name extends string>(app: FastifyInstance, prefix: string, assets: Readonly<Record<Name, NpmAsset>>): Record<Name, string> {
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { name: string } }>(`${prefix}/:name`, async (request, reply) => {
    const { name } = request.params;
    const asset: NpmAsset | undefined = Object.prototype.hasOwnProperty.call(assets, name) ? assets[name as Name] : undefined;
    if (!asset) return reply.code(404).send({ error: 'no such asset' });
    let body = cache.get(name);
    if (!body) {
      body = fs.readFileSync(path.join(packageDir(asset.pkg), asset.file));
      cache.set(name, body);
    }
    return reply.type(`${asset.type}; charset=utf-8`).header('cache-control', CACHE_CONTROL).header('x-content-type-options', 'nosniff').send(body);
  });
  const urls = {} as Record<Name, string>;
  for (const name of Object.keys(assets) as Name[]) {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir(assets[name].pkg), 'package.json'), 'utf8')) as { version: string };
    urls[name] = `${prefix}/${name}?v=${encodeURIComponent(version)}`;
  }
  return urls;
}

/** A page that loads npm assets (see registerNpmAssets) and then its own script. */
export interface AssetPage {
  title: string;
  /** The element the page's script renders into, and what it shows until then. */
  root: { id: string; loading: string };
  stylesheets: readonly string[];
  /** Asset scripts, in load order. */
  scripts: readonly string[];
  /** The page's own script: a same-origin file, so a content-security policy may forbid inline scripts. */
  initialiser: string;
  /** An inline style, where the page needs one (its policy allows it by its hash). */
  style?: string;
  /** A nonce on the initialiser's script element, for a script that reads it. */
  initialiserNonce?: string;
}

/** The HTML of an AssetPage: every URL same-origin, no inline script. */
export function assetPageHtml(page: AssetPage): string {
  const head = [...page.stylesheets.map((href) => `  <link rel="stylesheet" href="${href}">`), ...(page.style ? [`  <style>${page.style}</style>`] : [])];
  const scripts = [
    ...page.scripts.map((src) => `  <script src="${src}"></script>`),
    `  <script src="${page.initialiser}"${page.initialiserNonce ? ` nonce="${page.initialiserNonce}"` : ''}></script>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.title}</title>
${head.join('\n')}
</head>
<body>
  <div id="${page.root.id}">${page.root.loading}</div>
${scripts.join('\n')}
</body>
</html>`;
}
