// The layer rules of the README's "Layout" section, checked by `npm run lint:layers`
// (scripts/check-layers.mjs, run by .ci/run and by test/layout/layers.test.ts).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules import one way: a cycle (type-only imports included) means two modules know each other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shims-only-execute',
      comment: 'A legacy shim runs a GraphQL operation; it never reaches a domain service or the database.',
      severity: 'error',
      from: { path: '^src/rest/' },
      to: { path: '^src/(domains|db)/' },
    },
    {
      name: 'domains-know-no-legacy-api',
      comment: 'A domain never imports a legacy family; a legacy shape a domain needs is injected.',
      severity: 'error',
      from: { path: '^src/domains/' },
      to: { path: '^src/rest/' },
    },
    {
      name: 'db-knows-no-graphql',
      comment: 'The database layer knows no GraphQL, no domain and no transport, not even through another module.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(graphql|domains|rest|http)/|(^|/)node_modules/(graphql|type-graphql|@apollo)/', reachable: true },
    },
    {
      name: 'errors-are-transport-neutral',
      comment: 'The error vocabulary (src/errors.ts) is mapped to GraphQL and to each legacy envelope at the edges; it reaches no GraphQL.',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/(graphql|rest|http)/|(^|/)node_modules/(graphql|type-graphql|@apollo)/', reachable: true },
    },
    {
      name: 'rows-know-no-graphql',
      comment: 'Row types (*.row.ts) and repositories describe tables: they import no GraphQL type, mapper or resolver.',
      severity: 'error',
      from: { path: '\\.(row|repository)\\.ts$' },
      to: { path: '\\.(type|input|mapper|resolver|nodes)\\.ts$|^src/graphql/|(^|/)node_modules/(graphql|type-graphql|@apollo)/' },
    },
    {
      name: 'resolvers-call-services',
      comment: 'A resolver is thin: it checks input and calls a service, which alone reaches the repositories.',
      severity: 'error',
      from: { path: '\\.resolver\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
  },
};
