import { toGlobalId } from '../../graphql/node';

/**
 * The global id of a marketing API number (a page_id, a contact_type_id …). A number below 1
 * names no row, as it did when the operations took numbers: it becomes id 0, so the route
 * answers its own not-found rather than a refused id.
 */
export function globalIdOf(type: string, value: unknown): string {
  return toGlobalId(type, Math.max(0, Number(value)));
}

/** `globalIdOf` for an optional param: absent stays null. */
export function optionalGlobalIdOf(type: string, value: unknown): string | null {
  return value === undefined || value === null ? null : globalIdOf(type, value);
}
