import type { Database } from '../../db/connection';
import { ContactGroupResolver } from './contact-group.resolver';
import { createContactLoaderSet } from './contact.loaders';
import { ContactResolver } from './contact.resolver';

/** The marketing contact part: contact groups and contacts. Its resolvers, for the schema build. */
export const contactResolvers: Function[] = [ContactGroupResolver, ContactResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createContactLoaders(db: Database) {
  return createContactLoaderSet(db);
}
