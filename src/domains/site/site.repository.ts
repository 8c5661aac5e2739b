import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Every site setting, by key. */
export function listSiteSettings(db: Kysely<DB>): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('site_settings').select(['key', 'value']).orderBy('key').execute();
}

/** One setting's value, or null when it is not set. */
export async function findSiteSetting(db: Kysely<DB>, key: string): Promise<string | null> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** Sets a setting unless it is set already (a default). */
export async function insertSiteSettingIfMissing(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('site_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Sets a setting, replacing its value. */
export async function upsertSiteSetting(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('site_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
