import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { newSecret, storedSecret } from '../../auth/secrets';

type Db = Kysely<DB>;

/** Where and for how long a new session lives. */
export interface NewSession {
  deviceId: string | null;
  /** The address that signed in. */
  ip: string | null;
  /** SESSION_TTL: the session ends this long after its last use. */
  ttlSeconds: number;
}

/**
 * Creates a session token for a user and returns the secret, which is not stored anywhere. The row
 * keeps its own lifetime (`expires_at - last_used_at`), so every door slides it the same way.
 */
export async function insertAccessToken(db: Db, userId: number, kind: string, session: NewSession): Promise<string> {
  const token = newSecret();
  const { lookup, hash } = storedSecret(token);
  const now = Date.now();
  await db
    .insertInto('access_tokens')
    .values({
      user_id: userId,
      lookup,
      token_hash: hash,
      kind,
      device_id: session.deviceId,
      ip: session.ip,
      created_at: new Date(now).toISOString(),
      last_used_at: new Date(now).toISOString(),
      expires_at: new Date(now + session.ttlSeconds * 1000).toISOString(),
    })
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
      'access_tokens.last_used_at',
      'access_tokens.expires_at',
      'access_tokens.kind',
      'users.id as user_id',
      'users.role_id',
      'users.user_status',
    ])
    .where('access_tokens.lookup', '=', lookup)
    .executeTakeFirst();
}

/**
 * Records a use and pushes the expiry forward, unless another request did since `seenLastUsedAt`
 * (so concurrent requests write once).
 */
export async function touchAccessToken(db: Db, id: number, seenLastUsedAt: string | null, usedAt: string, expiresAt: string): Promise<void> {
  let update = db.updateTable('access_tokens').set({ last_used_at: usedAt, expires_at: expiresAt }).where('id', '=', id);
  update = seenLastUsedAt === null ? update.where('last_used_at', 'is', null) : update.where('last_used_at', '=', seenLastUsedAt);
  await update.execute();
}

export async function deleteAccessToken(db: Db, id: number): Promise<void> {
  await db.deleteFrom('access_tokens').where('id', '=', id).execute();
}

/** A user's sessions that have not expired, most recently used first. */
export function listSessions(db: Db, userId: number, now: string, limit: number) {
  return db
    .selectFrom('access_tokens')
    .select(['id', 'kind', 'device_id', 'ip', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('last_used_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Ends one of the user's sessions; false when the user has no session with that id. */
export async function deleteSessionOf(db: Db, userId: number, id: number): Promise<boolean> {
  const deleted = await db.deleteFrom('access_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Forgets a user's sessions that have expired (called when they sign in, so rows do not pile up). */
export async function deleteExpiredSessions(db: Db, userId: number, now: string): Promise<void> {
  await db.deleteFrom('access_tokens').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
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

/** Reset codes a user asked for since `since` (voided ones included: they count against the hourly budget). */
export async function countPasswordResetsSince(db: Db, userId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Stores a new reset code for a user: the codes asked for before stop working, and those older
 * than `forgetBefore` are deleted.
 */
export async function replacePasswordResets(db: Db, userId: number, code: string, now: Date, expiresAt: Date, forgetBefore: Date): Promise<void> {
  const { lookup, hash } = storedSecret(code);
  await db.deleteFrom('password_resets').where('user_id', '=', userId).where('created_at', '<', forgetBefore.toISOString()).execute();
  await db.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await db
    .insertInto('password_resets')
    .values({ user_id: userId, lookup, token_hash: hash, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
}
