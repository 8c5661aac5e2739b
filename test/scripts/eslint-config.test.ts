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
  /** The rule ids reported, for each sample. */
  rules: (string | null)[][];
  ignored: Record<string, boolean>;
}

/** Lints each sample's code as the module at its path and asks, for each of `paths`, whether the lint skips it. */
function probe(samples: { code: string; filePath: string }[], paths: string[]): Probe {
  const script = `
    import { ESLint } from 'eslint';
    const [samples, paths] = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const rules = [];
    for (const { code, filePath } of samples) rules.push((await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId));
    const ignored = {};
    for (const path of paths) ignored[path] = await eslint.isPathIgnored(path) || (await eslint.calculateConfigForFile(path)) === undefined;
    process.stdout.write(JSON.stringify({ rules, ignored }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([samples, paths])], { cwd: ROOT, encoding: 'utf8' });
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

/** A script (JavaScript: no tsc checks it) with a duplicate key, an undefined name and an assignment to a constant. */
const SCRIPT = `
const config = { runtime: 'a', runtime: 'b' };
const limit = 1;
limit = 2;
module.exports = { config, limit, missing };
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

test('the lint reports floating and misused promises and unused variables, what tsc would catch in scripts, in every linted folder but not in built or generated files', () => {
  const { rules, ignored } = probe(
    [
      { code: CODE, filePath: 'src/app.ts' },
      { code: SCRIPT, filePath: 'jest.config.js' },
    ],
    [...LINTED, ...SKIPPED],
  );
  expect([...rules[0]].sort()).toEqual(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises', '@typescript-eslint/no-unused-vars']);
  expect([...rules[1]].sort()).toEqual(['no-const-assign', 'no-dupe-keys', 'no-undef']);
  expect(Object.fromEntries(LINTED.map((path) => [path, ignored[path]]))).toEqual(Object.fromEntries(LINTED.map((path) => [path, false])));
  expect(Object.fromEntries(SKIPPED.map((path) => [path, ignored[path]]))).toEqual(Object.fromEntries(SKIPPED.map((path) => [path, true])));
}, 120_000);
