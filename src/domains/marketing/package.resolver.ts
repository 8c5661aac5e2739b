import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { requireMembership } from './membership.guard';
import { CreatePackageInput, UpdatePackageInput } from './package.input';
import { listPackages } from './package.repository';
import { createPackage, deletePackage, updatePackage } from './package.service';
import { Package, toPackage } from './package.type';

@Resolver(() => Package)
export class PackageResolver {
  @Authorized()
  @Query(() => [Package], { description: 'Packages that are not deleted (MEMBERSHIP_EXPIRED for a member whose membership has run out).' })
  async packages(@Ctx() ctx: Context): Promise<Package[]> {
    await requireMembership(ctx);
    return (await listPackages(ctx.db, false)).map(toPackage);
  }

  @Authorized('ADMIN')
  @Mutation(() => Package, { description: 'Creates a package (admins only).' })
  async createPackage(@Ctx() ctx: Context, @Arg('input', () => CreatePackageInput) input: CreatePackageInput): Promise<Package> {
    return toPackage(await createPackage(ctx, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Package, { description: 'Changes a package that is not deleted (admins only).' })
  async updatePackage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => UpdatePackageInput) input: UpdatePackageInput): Promise<Package> {
    return toPackage(await updatePackage(ctx, id, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Package, { description: 'Soft-deletes a package (admins only): it leaves `packages`; users who have it keep their validity.' })
  async deletePackage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Package> {
    return toPackage(await deletePackage(ctx, id));
  }
}
