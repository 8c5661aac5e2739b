import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Boards, DB } from '../../db/schema';
import type { BoardRow } from './board.row';

type Db = Kysely<DB>;

export function findBoardsByIds(db: Db, ids: readonly number[]): Promise<BoardRow[]> {
  return db.selectFrom('boards').selectAll().where('id', 'in', ids).execute();
}

/** Every board (boards are few: a request reads them all once). */
export function findAllBoards(db: Db): Promise<BoardRow[]> {
  return db.selectFrom('boards').selectAll().execute();
}

/** The ids among `ids` that name a board. */
export async function findBoardIds(db: Db, ids: readonly number[]): Promise<number[]> {
  const rows = await db.selectFrom('boards').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}

/** The highest display order in use; 0 when there are no boards. */
export async function findLastDisplayOrder(db: Db): Promise<number> {
  const last = await db
    .selectFrom('boards')
    .select((eb) => eb.fn.max('display_order').as('n'))
    .executeTakeFirst();
  return Number(last?.n ?? 0);
}

export function insertBoard(db: Db, values: Insertable<Boards>): Promise<BoardRow> {
  return db.insertInto('boards').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateBoardRow(db: Db, id: number, values: Updateable<Boards>): Promise<BoardRow> {
  return db.updateTable('boards').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setBoardDisplayOrder(db: Db, id: number, displayOrder: number): Promise<void> {
  await db.updateTable('boards').set({ display_order: displayOrder }).where('id', '=', id).execute();
}

/** Stores a board's post count and last post time (as its posts were counted). */
export async function setBoardStats(db: Db, id: number, postCount: number, lastPostedAt: string | null): Promise<void> {
  await db.updateTable('boards').set({ post_count: postCount, last_posted_at: lastPostedAt }).where('id', '=', id).execute();
}

/** Adds a member; one already there stays as is. */
export async function insertBoardMember(db: Db, boardId: number, userId: number, createdAt: string): Promise<void> {
  await db
    .insertInto('board_members')
    .values({ board_id: boardId, user_id: userId, created_at: createdAt })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteBoardMember(db: Db, boardId: number, userId: number): Promise<void> {
  await db.deleteFrom('board_members').where('board_id', '=', boardId).where('user_id', '=', userId).execute();
}

/** The board memberships of these users. */
export function findMembershipsOfUsers(db: Db, userIds: readonly number[]): Promise<{ board_id: number; user_id: number }[]> {
  return db.selectFrom('board_members').select(['board_id', 'user_id']).where('user_id', 'in', userIds).execute();
}
