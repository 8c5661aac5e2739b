import type { Context } from '../../graphql/context.types';
import { listSiteSettings } from './site.repository';

/** Settings that are secrets and never leave the server. */
const PRIVATE_SETTINGS = new Set(['server_key']);

/** The site settings anyone may read (secrets such as server_key left out), by key. */
export async function publicSiteSettings(ctx: Context): Promise<Record<string, string>> {
  const rows = await listSiteSettings(ctx.db);
  return Object.fromEntries(rows.filter((row) => !PRIVATE_SETTINGS.has(row.key)).map((row) => [row.key, row.value]));
}
