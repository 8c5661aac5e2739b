import type * as entities from 'he';

/**
 * A value made at its first use and kept: for modules only some requests need, so that a started,
 * idle gateway does not hold them (test/server/lazy-modules.test.ts keeps them out of start-up).
 */
export function onFirstUse<T>(load: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: load() }).value;
}

/** he, for HTML entities: its tables (0.6 MB of heap) are needed only when content is written or a page rendered. */
export const he = onFirstUse(() => require('he') as typeof entities);
