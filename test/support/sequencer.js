const Sequencer = require('@jest/test-sequencer').default;

/**
 * The suites that take longest, longest first (a full SQLite run on 2 cores). They start first, in
 * this order, whatever Jest has timed: Jest's own timing comes from the last run of each file, and a
 * file run alone (npx jest <file>) is timed far shorter than it takes among the others, which had
 * the two longest browser suites start last and run on alone for half a minute. Every other suite
 * follows in Jest's order (failed first, then longest first).
 */
const SLOW = [
  'docs/api-docs.browser.test.ts',
  'webhooks/crash.test.ts',
  'graphiql/graphiql.browser.test.ts',
  'server/fuzz.test.ts',
  'subscriptions/shared-execution.test.ts',
  'server/security-headers.browser.test.ts',
  'examples/web-app.browser.test.ts',
  'db/backup.test.ts',
  'scripts/eslint-config.test.ts',
  'db/statement-cache.test.ts',
  'graphql/schema-lint.test.ts',
  'server/start.test.ts',
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests);
    const slowRank = (test) => SLOW.findIndex((name) => test.path.endsWith(`/test/${name}`));
    const rank = (test) => (slowRank(test) >= 0 ? slowRank(test) : SLOW.length);
    const position = new Map(jestOrder.map((test, index) => [test, index]));
    return [...jestOrder].sort((a, b) => rank(a) - rank(b) || position.get(a) - position.get(b));
  }
}

module.exports = SlowFirstSequencer;
