const Sequencer = require('@jest/test-sequencer').default;

/**
 * The suites that take longest, longest first. Jest starts suites it has no timing for before the
 * ones it has, by file size, so on a fresh checkout (CI) or after a partial run one of these could
 * start last and run on alone: they start first unless Jest has timed them.
 */
const SLOW = [
  'server/fuzz.test.ts',
  'docs/api-docs.browser.test.ts',
  'webhooks/crash.test.ts',
  'scripts/check-layers.test.ts',
  'server/start.test.ts',
  'server/tracing-export.test.ts',
  'server/lazy-modules.test.ts',
  'graphiql/graphiql.browser.test.ts',
  'server/security-headers.browser.test.ts',
  'graphql/trusted-documents.test.ts',
  'rest/openapi.test.ts',
  'examples/web-app.browser.test.ts',
  'db/backup.test.ts',
];

/** Jest's order (failed first, then longest first), with an unknown duration of a SLOW suite taken as longer than any timed one. */
class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests);
    const position = new Map(jestOrder.map((test, index) => [test, index]));
    const slowRank = (test) => SLOW.findIndex((name) => test.path.endsWith(`/test/${name}`));
    const expected = (test) => test.duration ?? (slowRank(test) >= 0 ? Number.MAX_SAFE_INTEGER - slowRank(test) : null);
    return [...jestOrder].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      if (failed !== 0) return failed;
      const [durationA, durationB] = [expected(a), expected(b)];
      if (durationA !== null && durationB !== null) return durationB - durationA;
      if (durationA !== null || durationB !== null) return durationA !== null ? -1 : 1;
      return position.get(a) - position.get(b);
    });
  }
}

module.exports = SlowFirstSequencer;
