const Runtime = require('jest-runtime').default;

const NODE_MODULES = /[\\/]node_modules[\\/]/;

/**
 * Jest's runtime, except that libraries (what resolves into node_modules) are loaded by Node's own
 * `require`: once per worker process, shared by the suites it runs, as production loads them once
 * per process. The gateway's and the tests' own modules are still loaded afresh for every suite.
 *
 * Jest would otherwise load graphql-js, Kysely, Fastify, Apollo and the rest (about 1,800 modules)
 * anew for each of the 164 suites and run them cold: every suite paid to read and compile them, and
 * ran them unoptimised (graphql-js alone was 14 % of a worker's CPU; a schema build took 230 ms in a
 * suite, 30-60 ms once warm). Sharing them took the SQLite run from 230-240 s to 177 s on 2 cores
 * (user CPU 317 -> 220 s).
 *
 * It needs the suites to run in the worker's own realm (./environment.ts): a library loaded here
 * builds its objects from this realm's `Error`, `Promise` and `Array`, so a suite in a realm of its
 * own would see `instanceof Error` fail where production sees it hold.
 *
 * A suite that mocks a module (`jest.mock`) gets Jest's own loading back for that suite.
 */
class SharedLibrariesRuntime extends Runtime {
  requireModuleOrMock(from, moduleName) {
    if (this._explicitShouldMock.size === 0 && moduleName !== '@jest/globals' && !this._resolver.isCoreModule(moduleName)) {
      const path = this._resolveCjsModule(from, moduleName);
      if (NODE_MODULES.test(path)) return require(path);
    }
    return super.requireModuleOrMock(from, moduleName);
  }
}

module.exports = SharedLibrariesRuntime;
