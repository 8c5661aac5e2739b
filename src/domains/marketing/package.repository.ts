import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, Packages } from '../../db/schema';
import type { PackageRow } from './package.row';

export function findPackagesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<PackageRow[]> {
  return db.selectFrom('packages').selectAll().where('id', 'in', ids).execute();
}

/** A package that is not deleted. */
export function findLivePackage(db: Kysely<DB>, id: number): Promise<PackageRow | undefined> {
  return db.selectFrom('packages').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
}

/** Whether a package exists and is not deleted. */
export async function livePackageExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('packages').select('id').where('id', '=', id).where('deleted', '=', 0).executeTakeFirst()) !== undefined;
}

/** Packages that are not deleted, by id. */
export function listPackages(db: Kysely<DB>, includeDeleted: boolean): Promise<PackageRow[]> {
  let query = db.selectFrom('packages').selectAll();
  if (!includeDeleted) query = query.where('deleted', '=', 0);
  return query.orderBy('id').execute();
}

/** How many packages are not deleted. */
export async function countLivePackages(db: Kysely<DB>): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('packages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deleted', '=', 0)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export function insertPackage(db: Kysely<DB>, values: Insertable<Packages>): Promise<PackageRow> {
  return db.insertInto('packages').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePackageRow(db: Kysely<DB>, id: number, values: Updateable<Packages>): Promise<PackageRow> {
  return db.updateTable('packages').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
