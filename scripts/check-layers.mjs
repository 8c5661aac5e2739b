#!/usr/bin/env node
// `npm run lint:layers`: the layer rules of the README's "Layout" section.
//  1. What may import what: dependency-cruiser with .dependency-cruiser.cjs (no cycles; shims never
//     import domains or the database; domains never import src/rest/; src/db/ and src/errors.ts import
//     no GraphQL; row types and repositories import no GraphQL type or mapper).
//  2. Only repositories write Kysely: outside src/db/, *.repository.ts, src/seed/ and src/cli/, no
//     module starts a query (selectFrom, insertInto, updateTable, deleteFrom …) or imports kysely's
//     `sql` template.
// Usage: node scripts/check-layers.mjs [--root <dir>]   (the root holds src/; default: this project)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ts = require('typescript');

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = values.root ?? project;

/** Query-builder methods that start a statement: only the database layer and repositories call them. */
const QUERY_STARTERS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

/** Where SQL may be written: the database layer, repositories, and the seed and CLI tools that work on the database as a whole. */
const mayWriteSql = (path) => /^src\/(db|seed|cli)\//.test(path) || /\.repository\.ts$/.test(path);

function* typescriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Each place outside the allowed modules that starts a Kysely query or imports `sql`, as "file:line what". */
function sqlOutsideRepositories() {
  const found = [];
  for (const file of typescriptFiles(join(root, 'src'))) {
    const path = relative(root, file).split('\\').join('/');
    if (path.startsWith('src/generated/') || mayWriteSql(path)) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const report = (node, what) => found.push(`${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_STARTERS.has(node.expression.name.text)) {
        report(node, `starts a query (${node.expression.name.text})`);
      }
      if (ts.isImportDeclaration(node) && node.moduleSpecifier.text === 'kysely' && !node.importClause?.isTypeOnly) {
        for (const element of node.importClause?.namedBindings?.elements ?? []) {
          if (!element.isTypeOnly && (element.propertyName ?? element.name).text === 'sql') report(node, "imports kysely's sql");
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const bin = join(dirname(fileURLToPath(import.meta.resolve('dependency-cruiser'))), '..', '..', 'bin', 'dependency-cruise.mjs');
const cruise = spawnSync(process.execPath, [bin, 'src', '--config', join(project, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: root, encoding: 'utf8' });
const sql = sqlOutsideRepositories();

if (cruise.status !== 0) process.stdout.write(cruise.stdout + cruise.stderr);
if (sql.length > 0) {
  console.log(`\n  only repositories write SQL: ${sql.length} place(s) outside src/db/, *.repository.ts, src/seed/, src/cli/\n`);
  for (const line of sql) console.log(`    ${line}`);
}
if (cruise.status !== 0 || sql.length > 0) process.exit(1);
console.log('layers: imports point one way and only repositories write SQL');
