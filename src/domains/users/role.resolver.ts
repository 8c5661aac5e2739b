import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { allRoles } from './role.service';
import { Role } from './role.type';
import { toRole } from './role.mapper';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'Every role, by id: a short fixed list (admin, moderator, member and the few a community adds).' })
  async roles(@Ctx() ctx: Context): Promise<Role[]> {
    return (await allRoles(ctx)).map(toRole);
  }
}
