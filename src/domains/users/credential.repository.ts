import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { newSecret, storedSecret } from '../../auth/secrets';

type Db = Kysely<DB>;

/** Creates a session token for a user and returns the secret, which is not stored anywhere. */
export async function insertAccessToken(db: Db, userId: number, kind: string, deviceId: string | null): Promise<string> {
  const token = newSecret();
  const { lookup, hash } = storedSecret(token);
  await db
    .insertInto('access_tokens')
    .values({ user_id: userId, lookup, token_hash: hash, kind, device_id: deviceId, created_at: new Date().toISOString() })
    .execute();
  return token;
}

/** The token row and its user's standing, by the secret's lookup prefix. */
export function findAccessToken(db: Db, lookup: string) {
  return db
    .selectFrom('access_tokens')
    .innerJoin('users', 'users.id', 'access_tokens.user_id')
    .select([
      'access_tokens.id',
      'access_tokens.token_hash as hash',
      'access_tokens.expires_at',
      'access_tokens.kind',
      'users.id as user_id',
      'users.role_id',
      'users.user_status',
    ])
    .where('access_tokens.lookup', '=', lookup)
    .executeTakeFirst();
}

export function findApiKey(db: Db, lookup: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id', 'api_keys.key_hash as hash', 'api_keys.revoked_at', 'users.id as user_id', 'users.role_id', 'users.user_status'])
    .where('api_keys.lookup', '=', lookup)
    .executeTakeFirst();
}

export async function insertApiKey(db: Db, userId: number, name: string, key: string = `gk_${newSecret()}`) {
  const { lookup, hash } = storedSecret(key);
  const row = await db
    .insertInto('api_keys')
    .values({ user_id: userId, name, lookup, key_hash: hash, prefix: key.slice(0, 8), created_at: new Date().toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, key };
}
