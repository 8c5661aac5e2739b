import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { type Columns, selectColumns } from '../../db/columns';
import { containsPattern } from '../../db/like';
import { applyWindow, type Window } from '../../db/keyset';
import type { DB, Users } from '../../db/schema';
import type { UserRow, UserSortKey } from './user.row';

type Db = Kysely<DB>;

/** Users by id: their `columns` (every column unless named). */
export function findUsersByIds(db: Db, ids: readonly number[], columns: Columns = null): Promise<UserRow[]> {
  return selectColumns(db.selectFrom('users'), 'users', columns).where('id', 'in', ids).execute();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email_key', '=', email.toLowerCase()).executeTakeFirst();
}

/** The user a social login's provider id belongs to. */
export function findUserBySsoId(db: Db, ssoId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('sso_id', '=', ssoId).executeTakeFirst();
}

/** Whether some user already has this social login id. */
export async function ssoIdTaken(db: Db, ssoId: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('sso_id', '=', ssoId).executeTakeFirst()) !== undefined;
}

/** The ids among `ids` of users that exist and are not deleted. */
export async function findLiveUserIds(db: Db, ids: readonly number[], deletedStatus: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('user_status', '!=', deletedStatus).execute();
  return rows.map((row) => row.id);
}

/** Finds a user by username or email, both case-insensitive. */
export function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  const key = login.toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username_key', '=', key), eb('email_key', '=', key)]))
    .executeTakeFirst();
}

export async function insertUser(db: Db, values: Insertable<Users>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Whether the database holds any user at all (a fresh database holds none). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Whether any user has the role (the start-up checks for an admin). */
export async function hasUserWithRole(db: Db, roleId: number): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('role_id', '=', roleId).limit(1).executeTakeFirst()) !== undefined;
}

export async function updateUserRow(db: Db, id: number, values: Updateable<Users>): Promise<UserRow> {
  return db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The ordering columns of each sort (the last one, the id, unique), as the keyset compares them. */
const SORT_COLUMNS = {
  user_id: ['id'],
  joined: ['created_at', 'id'],
  // No name sorts lowest, as before (with an empty one).
  name: [sql`coalesce(first_name, '')`, sql`coalesce(last_name, '')`, 'id'],
} as const;

export interface UserListFilter {
  statuses: number[] | null;
  search: string | null;
  roleId: number | null;
  /** Only pro members (true) or only the others (false). */
  pro?: boolean | null;
}

function filteredUsers(db: Db, q: UserListFilter) {
  let query = db.selectFrom('users');
  if (q.statuses) query = query.where('user_status', 'in', q.statuses);
  if (q.roleId !== null) query = query.where('role_id', '=', q.roleId);
  if (q.pro != null) query = query.where('is_pro', '=', q.pro ? 1 : 0);
  if (q.search) {
    // `%` and `_` in the search text match themselves, not any characters.
    const pattern = containsPattern(q.search);
    query = query.where(sql<boolean>`(username_key like ${pattern} escape '\\' or lower(first_name) like ${pattern} escape '\\' or lower(last_name) like ${pattern} escape '\\')`);
  }
  return query;
}

/** One window of users in a sort (one row more than the window's size when there are more). */
export function listUsers(db: Db, q: UserListFilter, sort: UserSortKey, order: 'asc' | 'desc', window: Window): Promise<UserRow[]> {
  return applyWindow(filteredUsers(db, q).selectAll(), SORT_COLUMNS[sort], order, window).execute();
}

/** How many users the filter matches. */
export async function countUsers(db: Db, q: UserListFilter): Promise<number> {
  const row = await filteredUsers(db, q)
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
