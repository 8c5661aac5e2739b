import type { Kysely } from 'kysely';
/** Sessions existing before sliding expiry get the documented default, 30 days from now. */
const DEFAULT_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Sessions expire: every token row gets an expiry (rows from before had none and never ended) and
 * records the address that signed in, for the viewer's list of sessions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_tokens').addColumn('ip', 'text').execute();
  const now = new Date();
  await db
    .updateTable('access_tokens')
    .set({ last_used_at: now.toISOString(), expires_at: new Date(now.getTime() + DEFAULT_SESSION_TTL_MS).toISOString() })
    .where('expires_at', 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_tokens').dropColumn('ip').execute();
}
