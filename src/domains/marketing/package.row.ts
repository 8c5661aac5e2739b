import type { Selectable } from 'kysely';
import type { Packages } from '../../db/schema';

export type PackageRow = Selectable<Packages>;
