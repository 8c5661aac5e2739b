import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { newSecret, storedSecret } from '../../auth/secrets';
import { applyWindow, type Window } from '../../db/keyset';

type Db = Kysely<DB>;

/** The key row and its user's standing, by the secret's lookup prefix. */
export function findApiKey(db: Db, lookup: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id', 'api_keys.key_hash as hash', 'api_keys.revoked_at', 'users.id as user_id', 'users.role_id', 'users.user_status'])
    .where('api_keys.lookup', '=', lookup)
    .executeTakeFirst();
}

/** Stores a key for a user (a new random one unless given) and returns its row and the secret. */
export async function insertApiKey(db: Db, userId: number, name: string, key: string = `gk_${newSecret()}`) {
  const { lookup, hash } = storedSecret(key);
  const row = await db
    .insertInto('api_keys')
    .values({ user_id: userId, name, lookup, key_hash: hash, prefix: key.slice(0, 8), created_at: new Date().toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, key };
}

/** Who owns a key and whether it is revoked. */
export function findApiKeyOwner(db: Db, id: number) {
  return db.selectFrom('api_keys').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

export async function revokeApiKeyRow(db: Db, id: number, revokedAt: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
}

/** Deletes every key of a user. */
export async function deleteApiKeysOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('api_keys').where('user_id', '=', userId).execute();
}

/** One window of a user's keys (revoked ones too), oldest first. */
export function listApiKeys(db: Db, userId: number, window: Window) {
  return applyWindow(db.selectFrom('api_keys').selectAll().where('user_id', '=', userId), ['id'], 'asc', window).execute();
}

/** The user's keys among `ids` (node(id:)). */
export function findApiKeysOfUser(db: Db, userId: number, ids: readonly number[]) {
  return db.selectFrom('api_keys').selectAll().where('id', 'in', ids).where('user_id', '=', userId).execute();
}
