import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The TypeScript lint (eslint.config.mjs, part of `npm run lint`): a module (linted as src/app.ts) with a floating
 * promise, a promise handed where a callback's result is ignored and an unused variable is reported
 * with those rule ids, the project's folders are linted and build output and generated files are
 * not. ESLint loads its flat config as an ES module, so it runs in a child node process.
 */

const ROOT = join(__dirname, '..', '..');

interface Probe {
  rules: (string | null)[];
  ignored: Record<string, boolean>;
}

/** Lints `code` as the module `filePath` and asks, for each of `paths`, whether the lint skips it. */
function probe(code: string, filePath: string, paths: string[]): Probe {
  const script = `
    import { ESLint } from 'eslint';
    const [code, filePath, paths] = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintText(code, { filePath });
    const ignored = {};
    for (const path of paths) ignored[path] = await eslint.isPathIgnored(path) || (await eslint.calculateConfigForFile(path)) === undefined;
    process.stdout.write(JSON.stringify({ rules: result.messages.map((m) => m.ruleId), ignored }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([code, filePath, paths])], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(stdout) as Probe;
}

const CODE = `
import { setTimeout as sleep } from 'node:timers/promises';

export async function save(): Promise<void> {
  await sleep(1);
}

export function start(): void {
  const unused = 1;
  save();
  setTimeout(save, 10);
}
`;

const LINTED = [
  'src/app.ts',
  'src/domains/content/post.service.ts',
  'test/scripts/check-layers.test.ts',
  'bench/run.ts',
  'migrations/0001_identity.ts',
  'scripts/check-layers.mjs',
  'scripts/dev.js',
  'examples/web/src/App.tsx',
  'schema/schema.graphql',
];
const SKIPPED = ['dist/src/main.js', 'src/generated/operations.ts', 'src/db/schema.ts', 'examples/web/src/gql/graphql.ts', 'node_modules/eslint/lib/api.js'];

test('the lint reports floating and misused promises and unused variables, in every linted folder but not in built or generated files', () => {
  const { rules, ignored } = probe(CODE, 'src/app.ts', [...LINTED, ...SKIPPED]);
  expect([...rules].sort()).toEqual(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises', '@typescript-eslint/no-unused-vars']);
  expect(Object.fromEntries(LINTED.map((path) => [path, ignored[path]]))).toEqual(Object.fromEntries(LINTED.map((path) => [path, false])));
  expect(Object.fromEntries(SKIPPED.map((path) => [path, ignored[path]]))).toEqual(Object.fromEntries(SKIPPED.map((path) => [path, true])));
}, 120_000);
