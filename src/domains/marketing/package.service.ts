import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors';
import { requireAdmin } from '../users/user.service';
import { requireMembership } from './membership.guard';
import type { CreatePackageInput, UpdatePackageInput } from './package.input';
import { countLivePackages, findLivePackage, insertPackage, listPackages, updatePackageRow } from './package.repository';
import type { PackageRow } from './package.row';

/** The most packages that are not deleted, so that `packages` is a bounded list. */
export const MAX_LIVE_PACKAGES = 100;

const flag = (value: boolean | null | undefined) => (value == null ? undefined : value ? 1 : 0);

function packageName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new BadUserInputError('name must not be blank', 'name');
  return trimmed;
}

/** Module ids as the legacy column keeps them: distinct, comma-separated, in the given order. */
const moduleIdsText = (ids: readonly number[]) => [...new Set(ids)].join(',');

async function requireLivePackage(ctx: Context, id: number): Promise<PackageRow> {
  const row = await findLivePackage(ctx.db, id);
  if (!row) throw new NotFoundError(`Package ${id} does not exist`);
  return row;
}

/** The packages that are not deleted, by id, for a member whose membership runs (MEMBERSHIP_EXPIRED otherwise). */
export async function listLivePackages(ctx: Context): Promise<PackageRow[]> {
  await requireMembership(ctx);
  const rows = await listPackages(ctx.db, false);
  for (const row of rows) ctx.loaders.package.prime(row.id, row);
  return rows;
}

/** Creates a package (admins only). */
export async function createPackage(ctx: Context, input: CreatePackageInput): Promise<PackageRow> {
  const admin = requireAdmin(ctx);
  const name = packageName(input.name);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if ((await countLivePackages(trx)) >= MAX_LIVE_PACKAGES) throw new ConflictError(`There are at most ${MAX_LIVE_PACKAGES} packages; delete one first`);
    const now = new Date().toISOString();
    const row = await insertPackage(trx, {
      package_name: name,
      module_ids: moduleIdsText(input.moduleIds),
      price: input.price,
      validity: input.validity,
      visible: flag(input.visible),
      highlight: flag(input.highlight),
      created_at: now,
      updated_at: now,
    });
    await record('package.created', { package: [row.id] }, admin.userId);
    return row;
  });
}

/** Changes a package that is not deleted (admins only). */
export async function updatePackage(ctx: Context, id: number, input: UpdatePackageInput): Promise<PackageRow> {
  const admin = requireAdmin(ctx);
  await requireLivePackage(ctx, id);
  const values = {
    package_name: input.name == null ? undefined : packageName(input.name),
    module_ids: input.moduleIds == null ? undefined : moduleIdsText(input.moduleIds),
    price: input.price ?? undefined,
    validity: input.validity ?? undefined,
    visible: flag(input.visible),
    highlight: flag(input.highlight),
  };
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const updated = await updatePackageRow(trx, id, { ...values, updated_at: new Date().toISOString() });
    await record('package.updated', { package: [id] }, admin.userId);
    return updated;
  });
  ctx.loaders.package.clear(id).prime(id, row);
  return row;
}

/**
 * Soft-deletes a package (admins only): it leaves `packages` and get_all_packages, and can no
 * longer be given to a user; users who have it keep their validity.
 */
export async function deletePackage(ctx: Context, id: number): Promise<PackageRow> {
  const admin = requireAdmin(ctx);
  await requireLivePackage(ctx, id);
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const deleted = await updatePackageRow(trx, id, { deleted: 1, updated_at: new Date().toISOString() });
    await record('package.deleted', { package: [id] }, admin.userId);
    return deleted;
  });
  ctx.loaders.package.clear(id).prime(id, row);
  return row;
}
