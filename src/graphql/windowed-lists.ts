import type { Window } from '../db/keyset';
import { RequestLoader, grouped } from './batch';

/** The key of a `windowedLists` loader: whose list and which window. */
export const windowedListKey = (parentId: number, window: Window) => `${parentId}:${JSON.stringify(window)}`;

/**
 * A loader of the same window of the list under each parent (a user's groups, a label's
 * subscribers), keyed by `windowedListKey`: one statement per distinct window in a batch (usually
 * one), so parents with their lists cost the same statements whatever their number. Each list
 * comes back in the window's read order (as `toConnection` takes it).
 */
export function windowedLists<R>(fetch: (parentIds: number[], window: Window) => Promise<R[]>, parentOf: (row: R) => number) {
  return new RequestLoader<string, R[]>(async (keys) => {
    const parentsByWindow = new Map<string, number[]>();
    for (const key of keys) {
      const colon = key.indexOf(':');
      const windowKey = key.slice(colon + 1);
      parentsByWindow.set(windowKey, [...(parentsByWindow.get(windowKey) ?? []), Number(key.slice(0, colon))]);
    }
    const lists = new Map<string, R[]>();
    for (const [windowKey, parentIds] of parentsByWindow) {
      const window = JSON.parse(windowKey) as Window;
      grouped(parentIds, await fetch(parentIds, window), parentOf).forEach((list, i) => lists.set(windowedListKey(parentIds[i], window), list));
    }
    return keys.map((key) => lists.get(key) ?? []);
  });
}
