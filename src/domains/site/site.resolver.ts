import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { publicSiteSettings } from './site.service';

@Resolver()
export class SiteResolver {
  @Query(() => GraphQLJSONObject, { description: 'Public site settings: name, description, defaults.' })
  siteSettings(@Ctx() ctx: Context): Promise<Record<string, string>> {
    return publicSiteSettings(ctx);
  }
}
