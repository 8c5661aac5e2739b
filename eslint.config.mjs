// `npm run lint` runs ESLint over the whole project (`eslint .`) with this configuration:
//  - TypeScript and JavaScript: ESLint's and typescript-eslint's type-checked recommended rules (the promise
//    rules above all: a floating or misused promise in a server is a lost error), with Prettier's
//    config last so that no rule here argues with the formatting `npm run format` writes.
//  - The printed schema, schema/schema.graphql: the schema lint of schema/lint.mjs (also `npm run
//    schema:lint`).
// test/scripts/eslint-config.test.ts checks that the TypeScript lint reports and covers these folders.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import schemaLint from './schema/lint.mjs';

const CODE = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];
const SCRIPTS = ['**/*.{js,mjs,cjs}'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'coverage/**',
      'data/**',
      'bench/tmp/**',
      // Generated: `npm run codegen`, `npm run db:types` and the example app's codegen write them.
      'src/generated/**',
      'src/db/schema.ts',
      'examples/web/src/gql/**',
      '**/*.generated.*',
      // The layer check's test writes its (deliberately wrong) trees here while it runs.
      'test/.layers-*/**',
    ],
  },
  ...schemaLint,
  {
    files: CODE,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The project's convention for a parameter or binding kept for its position or to leave it out
      // of a rest (`({ rank: _rank, ...row })`): a leading underscore.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Apollo's plugin hooks, kysely's plugins and the mailer interface are async by contract: an
      // implementation that happens not to await still has to return a promise.
      '@typescript-eslint/require-await': 'off',
      // Database rows hold codes as the numbers and strings the enums stand for, and graphql-js
      // compares `Kind` to its string values: comparing a row's value with the enum is the mapping.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // kysely's expression builder is meant to be destructured (`({ or, exists, selectFrom }) =>`,
      // as its documentation does), and so is the transaction callback's `{ trx, record }`: neither
      // uses `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // require() on purpose: the server loads a dependency only when a feature is used (src/lazy.ts;
    // OpenTelemetry's exporter, ioredis, nodemailer …), tests load a module once the environment it
    // reads is set, the benchmark loads the build, and the plain scripts are CommonJS.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A legacy route's input values arrive untyped (form fields, query strings, JSON) and String() is
    // the legacy APIs' own coercion; an object there then fails the route's check. Tests and the
    // benchmark print socket frames and bodies with String().
    files: ['src/rest/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // A migration works on the database as it was at that step, by table name: kysely's migrations
    // take a `Kysely<any>` (the schema types describe only the latest schema).
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests and the benchmark read untyped JSON answers (`response.json()`, GraphQL `data`) and
    // check their shape with expect(): the assertion is the type. Typing each body again would
    // repeat it, so `any` may flow there. The promise rules stay on.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (the scripts and the tools' configuration files) is in no tsconfig: linted
    // without type information.
    files: SCRIPTS,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
    // typescript-eslint's recommended set turns off the checks tsc makes (duplicate keys, undefined
    // names, assignment to a constant...), and CODE above hands it the JavaScript files too, which no
    // tsc checks: they get ESLint's own back.
    rules: js.configs.recommended.rules,
  },
  {
    // The example web app's types come from its codegen output (src/gql/), which exists only once
    // `npm run build -w examples/web` has run; its build type-checks it. Linted without types here.
    files: ['examples/web/**/*.{ts,tsx}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.browser },
  },
  { files: CODE, ...prettier },
);
