import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId } from '../../graphql/node';
import { CreatePackageInput, UpdatePackageInput } from './package.input';
import { createPackage, deletePackage, listLivePackages, MAX_LIVE_PACKAGES, updatePackage } from './package.service';
import { Package } from './package.type';
import { toPackage } from './package.mapper';

@Resolver(() => Package)
export class PackageResolver {
  @Authorized()
  @Query(() => [Package], {
    description: `Packages that are not deleted, by id: at most ${MAX_LIVE_PACKAGES} (createPackage's bound). MEMBERSHIP_EXPIRED for a member whose membership has run out.`,
  })
  async packages(@Ctx() ctx: Context): Promise<Package[]> {
    return (await listLivePackages(ctx)).map(toPackage);
  }

  @Authorized('ADMIN')
  @Mutation(() => Package, { description: `Creates a package (admins only); at most ${MAX_LIVE_PACKAGES} are not deleted at once (CONFLICT past it).` })
  async createPackage(@Ctx() ctx: Context, @Arg('input', () => CreatePackageInput) input: CreatePackageInput): Promise<Package> {
    return toPackage(await createPackage(ctx, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Package, { description: 'Changes a package that is not deleted (admins only).' })
  async updatePackage(@Ctx() ctx: Context, @Arg('input', () => UpdatePackageInput) input: UpdatePackageInput): Promise<Package> {
    return toPackage(await updatePackage(ctx, fromGlobalId(input.packageId, 'Package', 'packageId'), input));
  }

  @Authorized('ADMIN')
  @Mutation(() => ID, { description: 'Soft-deletes a package (admins only): it leaves `packages`; users who have it keep their validity. Answers its global id.' })
  async deletePackage(@Ctx() ctx: Context, @Arg('packageId', () => ID) packageId: string): Promise<string> {
    await deletePackage(ctx, fromGlobalId(packageId, 'Package', 'packageId'));
    return packageId;
  }
}
