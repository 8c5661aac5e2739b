/**
 * The in-process APQ cache's bound (APQ_CACHE_MB) holds for many small registrations: each entry is
 * charged its key and bookkeeping as well as its text, so tiny texts cannot fill the process with
 * entries whose texts alone fit the bound (each costs some 250 bytes of heap for ~20 of text).
 */
import { createHash } from 'node:crypto';
import { persistedQueriesOption } from '../../src/graphql/apq-cache';

const MAX_BYTES = 1024 * 1024;

test('20 000 registrations of ~20-byte texts: what stays, keys and texts alone, is within APQ_CACHE_MB, and still thousands of entries', async () => {
  const option = persistedQueriesOption({ trustedDocuments: null, only: false, apqTtlSeconds: 3600, apqCacheBytes: MAX_BYTES }, null);
  if (option === false) throw new Error('APQ is on without TRUSTED_DOCUMENTS_ONLY');
  // Apollo's keys: `apq:` and the text's SHA-256.
  const entries = Array.from({ length: 20_000 }, (_, i) => {
    const text = `{a${i}:__typename}`;
    return { key: `apq:${createHash('sha256').update(text).digest('hex')}`, text };
  });
  for (const { key, text } of entries) await option.cache.set(key, text);
  let kept = 0;
  let keptBytes = 0;
  for (const { key, text } of entries) {
    if ((await option.cache.get(key)) === undefined) continue;
    kept += 1;
    keptBytes += key.length + text.length;
  }
  expect(keptBytes).toBeLessThanOrEqual(MAX_BYTES / 2);
  expect(kept).toBeGreaterThan(2000);
  // The most recent registration is among those kept.
  expect(await option.cache.get(entries[entries.length - 1].key)).toBe(entries[entries.length - 1].text);
});
