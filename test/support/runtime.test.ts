import { spawnSync } from 'node:child_process';
import { Module } from 'node:module';
import path from 'node:path';
import DataLoader from 'dataloader';
import { GraphQLError, parse } from 'graphql';

/**
 * How suites load modules (./runtime.js, ./environment.ts): libraries are the modules Node itself
 * loads, once per worker, and share the suite's realm; the gateway's own modules are still loaded
 * afresh for each suite.
 */

/** What Node's own module cache holds for `request`, as resolved from this file. */
const nodeLoaded = (request: string): unknown => (Module as unknown as { _cache: Record<string, { exports: unknown } | undefined> })._cache[require.resolve(request)]?.exports;

test('a library is the module Node loaded, shared by the suites of a worker, not a copy made for the suite', () => {
  expect(nodeLoaded('graphql')).toBe(require('graphql'));
  expect(nodeLoaded('dataloader')).toBe(require('dataloader'));
});

test("a library's objects and the suite's come from one realm: the suite's array literal is the library's Array, its async result the library's Promise", async () => {
  const libraryArray = parse('{ viewer { id } }').definitions.constructor;
  expect([]).toBeInstanceOf(libraryArray);
  const libraryPromise = new DataLoader<number, number>(async (keys) => keys).load(1).constructor;
  expect((async () => 1)()).toBeInstanceOf(libraryPromise);
  expect(new GraphQLError('refused')).toBeInstanceOf(Error);
});

test("the gateway's own modules are the suite's: loaded by Jest, afresh where a suite asks", () => {
  expect(nodeLoaded('../../src/config')).toBeUndefined();
  const shared = require('../../src/config') as unknown;
  let fresh: unknown;
  jest.isolateModules(() => {
    fresh = require('../../src/config');
  });
  expect(fresh).not.toBe(shared);
});

test('a suite leaves nothing in the shared realm for the next: its spies, type-graphql metadata and jest-circus state go with it', () => {
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--selectProjects', 'sqlite', '--runInBand', '--testMatch', '**/test/support/fixtures/*.suite.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toContain('Tests:       4 passed, 4 total');
  expect(run.status).toBe(0);
});
