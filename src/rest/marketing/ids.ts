import { toGlobalId } from '../../graphql/node';

/**
 * The global id of a marketing API number (a page_id, a contact_type_id …). A number below 1
 * names no row and is carried as it is, so the route answers its own not-found, as it did when
 * the operations took numbers.
 */
export function globalIdOf(type: string, value: unknown): string {
  return toGlobalId(type, Number(value));
}

/** `globalIdOf` for an optional param: absent stays null. */
export function optionalGlobalIdOf(type: string, value: unknown): string | null {
  return value === undefined || value === null ? null : globalIdOf(type, value);
}
