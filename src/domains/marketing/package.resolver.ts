import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { listPackages } from './package.repository';
import { Package, toPackage } from './package.type';

@Resolver(() => Package)
export class PackageResolver {
  @Authorized()
  @Query(() => [Package], { description: 'Packages that are not deleted.' })
  async packages(@Ctx() { db }: Context): Promise<Package[]> {
    return (await listPackages(db, false)).map(toPackage);
  }
}
