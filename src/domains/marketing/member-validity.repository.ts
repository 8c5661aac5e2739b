import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** When a system user's validity ends (null: it does not). Undefined when the user is gone. */
export function findExpiredDate(db: Kysely<DB>, userId: number): Promise<{ expired_date: string | null } | undefined> {
  return db.selectFrom('users').select('expired_date').where('id', '=', userId).executeTakeFirst();
}
