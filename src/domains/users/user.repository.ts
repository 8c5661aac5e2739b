import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { containsPattern } from '../../db/like';
import { nullsLowest } from '../../db/order';
import type { DB, Users } from '../../db/schema';
import type { UserRow } from './user.mapper';

type Db = Kysely<DB>;

export function findUsersByIds(db: Db, ids: readonly number[]): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
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

export async function updateUserRow(db: Db, id: number, values: Updateable<Users>): Promise<UserRow> {
  return db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export type UserSortKey = 'user_id' | 'joined' | 'name';

export interface UserListQuery {
  statuses: number[] | null;
  search: string | null;
  roleId: number | null;
  /** Only pro members (true) or only the others (false). */
  pro?: boolean | null;
  sort: UserSortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** One page of users; fetches one extra row so the caller can tell whether more exist. */
export function listUsers(db: Db, q: UserListQuery): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll();
  if (q.statuses) query = query.where('user_status', 'in', q.statuses);
  if (q.roleId !== null) query = query.where('role_id', '=', q.roleId);
  if (q.pro != null) query = query.where('is_pro', '=', q.pro ? 1 : 0);
  if (q.search) {
    // `%` and `_` in the search text match themselves, not any characters.
    const pattern = containsPattern(q.search);
    query = query.where(
      sql<boolean>`(username_key like ${pattern} escape '\\' or lower(first_name) like ${pattern} escape '\\' or lower(last_name) like ${pattern} escape '\\')`,
    );
  }
  if (q.sort === 'joined') query = query.orderBy('created_at', q.order).orderBy('id', q.order);
  else if (q.sort === 'name') query = query.orderBy('first_name', nullsLowest(q.order)).orderBy('last_name', nullsLowest(q.order)).orderBy('id', q.order);
  else query = query.orderBy('id', q.order);
  return query.limit(q.limit + 1).offset(q.offset).execute();
}
