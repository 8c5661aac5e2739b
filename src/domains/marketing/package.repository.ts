import type { Kysely, Selectable } from 'kysely';
import type { DB, Packages } from '../../db/schema';

export type PackageRow = Selectable<Packages>;

export function findPackagesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<PackageRow[]> {
  return db.selectFrom('packages').selectAll().where('id', 'in', ids).execute();
}

/** Packages that are not deleted, by id. */
export function listPackages(db: Kysely<DB>, includeDeleted: boolean): Promise<PackageRow[]> {
  let query = db.selectFrom('packages').selectAll();
  if (!includeDeleted) query = query.where('deleted', '=', 0);
  return query.orderBy('id').execute();
}
