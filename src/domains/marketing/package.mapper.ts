import type { PackageRow } from './package.row';
import type { Package } from './package.type';

export function toPackage(row: PackageRow): Package {
  return {
    id: row.id,
    name: row.package_name,
    moduleIds: row.module_ids === '' ? [] : row.module_ids.split(',').map((id) => Number(id.trim())),
    price: row.price,
    validity: row.validity,
    deleted: row.deleted === 1,
    visible: row.visible === 1,
    highlight: row.highlight === 1,
  };
}
