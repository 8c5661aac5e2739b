import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';

/** Settings that are secrets and never leave the server. */
const PRIVATE_SETTINGS = new Set(['server_key']);

@Resolver()
export class SiteResolver {
  @Query(() => GraphQLJSONObject, { description: 'Public site settings: name, description, defaults.' })
  async siteSettings(@Ctx() { db }: Context): Promise<Record<string, string>> {
    const rows = await db.selectFrom('site_settings').select(['key', 'value']).orderBy('key').execute();
    return Object.fromEntries(rows.filter((row) => !PRIVATE_SETTINGS.has(row.key)).map((row) => [row.key, row.value]));
  }
}
