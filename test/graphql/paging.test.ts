import { AppError } from '../../src/errors';
import { applyWindow } from '../../src/db/keyset';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../src/graphql/node';
import { connectionFromList, decodeCursor, encodeCursor, MAX_FIRST, toConnection, windowOf } from '../../src/graphql/connection';
import { type FreshDatabase, freshDatabase } from '../support/dialect';

/** The BAD_USER_INPUT error a call throws: its message and field. */
function refusal(work: () => unknown): { message: string; field: unknown } {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions.code).toBe('BAD_USER_INPUT');
    return { message: (error as AppError).message, field: (error as AppError).extensions.field };
  }
  throw new Error('nothing was refused');
}

describe('global ids', () => {
  test('are opaque, name their type and number, and round-trip', () => {
    const id = toGlobalId('Post', 42);
    expect(id).not.toContain('42');
    expect(parseGlobalId(id)).toEqual({ type: 'Post', id: 42 });
    expect(fromGlobalId(id, 'Post')).toBe(42);
    expect(fromGlobalId(id, ['Comment', 'Post'], 'targetId')).toBe(42);
    // A legacy client's negative number passes through, so it is not found as before.
    expect(parseGlobalId(toGlobalId('Post', -3))).toEqual({ type: 'Post', id: -3 });
  });

  test('another type, a number, garbage or a non-canonical spelling is refused, naming the argument', () => {
    expect(refusal(() => fromGlobalId(toGlobalId('User', 1), 'Post', 'postId'))).toEqual({ message: 'postId is not the id of a Post', field: 'postId' });
    for (const bad of ['1', '', 'not base64!', toGlobalId('Post', 1) + '=', Buffer.from('Post:01').toString('base64url'), Buffer.from('post:1').toString('base64url'), 'x'.repeat(100)]) {
      expect(parseGlobalId(bad)).toBeNull();
      expect(refusal(() => fromGlobalId(bad, 'Post')).field).toBe('id');
    }
  });
});

describe('connection arguments', () => {
  test('default to the first 20; first and last are bounded by the one maximum and exclusive', () => {
    expect(windowOf({})).toEqual({ size: 20, after: null, before: null, backward: false, offset: 0 });
    expect(windowOf({ last: 5, before: encodeCursor([9]) })).toEqual({ size: 5, after: null, before: [9], backward: true, offset: 0 });
    expect(refusal(() => windowOf({ first: MAX_FIRST + 1 })).field).toBe('first');
    expect(refusal(() => windowOf({ last: -1 })).field).toBe('last');
    expect(refusal(() => windowOf({ first: 1, last: 1 })).message).toBe('Pass first or last, not both');
    expect(refusal(() => windowOf({ offset: -1 })).field).toBe('offset');
  });

  test("a cursor must hold the list's key: anything else is refused", () => {
    expect(decodeCursor(encodeCursor(['ann', 3]), ['string', 'number'], 'after')).toEqual(['ann', 3]);
    for (const bad of ['garbage', encodeCursor([3]), encodeCursor([3, 3]), encodeCursor([1.5, 3]), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(refusal(() => decodeCursor(bad, ['string', 'number'], 'after'))).toEqual({ message: 'after is not a cursor this list gave out', field: 'after' });
    }
  });

  test('a bounded list pages by position key too, with its total', () => {
    const rows = [1, 2, 3, 4, 5];
    const page = connectionFromList(
      rows,
      windowOf({ first: 2, after: encodeCursor([1]) }),
      (n) => n,
      (n) => n * 10,
    );
    expect(page.nodes).toEqual([20, 30]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(page.totalCount).toBe(5);
    const back = connectionFromList(
      rows,
      windowOf({ last: 2, before: encodeCursor([5]) }),
      (n) => n,
      (n) => n,
    );
    expect(back.nodes).toEqual([3, 4]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });
});

describe('keyset windows on the real database', () => {
  let fresh: FreshDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    fresh = await freshDatabase();
    handle = openDatabase(fresh.url);
    await migrateToLatest(handle.db);
    const now = new Date().toISOString();
    for (let i = 1; i <= 7; i++) {
      await handle.db
        .insertInto('tags')
        .values({ name: `tag${i % 3}-${i}`, display_name: `Tag ${i}`, created_at: now, updated_at: now })
        .execute();
    }
  });
  afterAll(async () => {
    await handle.close();
    await fresh.dispose();
  });

  const page = async (args: Parameters<typeof windowOf>[0], columns: string[] = ['id'], direction: 'asc' | 'desc' = 'desc') => {
    const window = windowOf(args, columns.length === 1 ? ['number'] : ['string', 'number'], 3);
    const rows = await applyWindow(handle.db.selectFrom('tags').select(['id', 'name']), columns, direction, window).execute();
    return toConnection(
      rows,
      window,
      (row) => (columns.length === 1 ? [row.id] : [row.name, row.id]),
      (row) => row.id,
      async () => 7,
    );
  };

  test('forward and backward by id, with no overlap while rows are added between pages', async () => {
    const first = await page({ first: 3 });
    expect(first.nodes).toEqual([7, 6, 5]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[2].cursor });
    const now = new Date().toISOString();
    await handle.db.insertInto('tags').values({ name: 'late', display_name: 'Late', created_at: now, updated_at: now }).execute();
    const second = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual([4, 3, 2]);
    const third = await page({ first: 3, after: second.pageInfo.endCursor });
    expect(third.nodes).toEqual([1]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = await page({ last: 3, before: second.pageInfo.startCursor });
    expect(back.nodes).toEqual([7, 6, 5]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(await back.totalCount).toBe(7);
  });

  test('by a sort column then id, and with an offset', async () => {
    const byName = await page({ first: 3 }, ['name', 'id'], 'asc');
    const names = byName.nodes;
    const next = await page({ first: 3, after: byName.pageInfo.endCursor }, ['name', 'id'], 'asc');
    expect(next.nodes.some((id) => names.includes(id))).toBe(false);
    const all = (await handle.db.selectFrom('tags').select(['id', 'name']).orderBy('name').orderBy('id').execute()).map((row) => row.id);
    expect(all).not.toEqual([...all].sort((a, b) => a - b));
    expect([...names, ...next.nodes]).toEqual(all.slice(0, 6));
    expect((await page({ first: 2, offset: 2 })).nodes).toEqual([6, 5]);
    // Read backward past skipped rows, there are newer rows after the page.
    const skipped = await page({ last: 2, offset: 1 });
    expect(skipped.nodes).toEqual([3, 2]);
    expect(skipped.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });
});
