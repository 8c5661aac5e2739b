import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Every site setting, by key. */
export function listSiteSettings(db: Kysely<DB>): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('site_settings').select(['key', 'value']).orderBy('key').execute();
}
