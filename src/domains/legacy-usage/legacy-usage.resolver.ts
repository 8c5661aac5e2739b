import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError } from '../../errors';
import { LegacyRouteCounts } from './legacy-usage.type';

/** Routes one answer lists at most: more than the route tables hold. */
const MAX_ROUTES = 200;

@Resolver()
export class LegacyUsageResolver {
  @Authorized('ADMIN')
  @Query(() => [LegacyRouteCounts], {
    description: "Legacy REST routes called since this instance started, most called first (admins only). Counts are per instance: with several instances, add up each one's answer or read /metrics.",
  })
  legacyUsage(
    @Ctx() ctx: Context,
    @Arg('family', () => String, { nullable: true, description: "Only this family's routes." }) family: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Routes to answer, 1 to 200.' }) first: number,
  ): LegacyRouteCounts[] {
    if (first < 1 || first > MAX_ROUTES) throw new BadUserInputError(`first must be between 1 and ${MAX_ROUTES}`, 'first');
    return ctx.legacyUsage
      .usage()
      .filter((route) => family === null || route.family === family)
      .slice(0, first);
  }
}
