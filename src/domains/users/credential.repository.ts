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

/** Ends one session (logout, or a token found expired). */
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

/** Ends every session of a user, or every one but `exceptId` (the session making the change). */
export async function deleteSessionsOfUser(db: Db, userId: number, exceptId: number | null = null): Promise<void> {
  let sessions = db.deleteFrom('access_tokens').where('user_id', '=', userId);
  if (exceptId !== null) sessions = sessions.where('id', '!=', exceptId);
  await sessions.execute();
}

/** The user's sessions among `ids` that have not expired (node(id:)). */
export function findSessionsOfUser(db: Db, userId: number, ids: readonly number[], now: string) {
  return db
    .selectFrom('access_tokens')
    .select(['id', 'created_at', 'last_used_at', 'expires_at', 'ip', 'device_id'])
    .where('id', 'in', ids)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
}
