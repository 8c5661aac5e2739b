import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { storedSecret } from '../../auth/secrets';

type Db = Kysely<DB>;

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
  await db.insertInto('password_resets').values({ user_id: userId, lookup, token_hash: hash, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
}

/** A reset code's row by the secret's lookup prefix. */
export function findPasswordReset(db: Db, lookup: string) {
  return db.selectFrom('password_resets').selectAll().where('lookup', '=', lookup).executeTakeFirst();
}

export async function markPasswordResetUsed(db: Db, id: number, usedAt: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: usedAt }).where('id', '=', id).execute();
}

/** Deletes a code that was never delivered, so it neither works nor counts against the hourly budget. */
export async function deletePasswordReset(db: Db, lookup: string): Promise<void> {
  await db.deleteFrom('password_resets').where('lookup', '=', lookup).where('used_at', 'is', null).execute();
}
