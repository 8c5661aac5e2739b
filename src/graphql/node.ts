import { Extensions, Field, ID, InterfaceType } from 'type-graphql';
import { BadUserInputError } from '../errors';
import { SHARED_ACROSS_VIEWERS } from './shared-subscriptions';

/** Where `node`/`nodes` put the type name of what they fetched, for the interface's resolveType. */
export const NODE_TYPE = Symbol('nodeType');

/**
 * An object with a global id (the GraphQL Global Object Identification specification): any of them
 * can be fetched again with `node(id:)`. Every entity type implements it; its database number is
 * `databaseId`.
 */
@InterfaceType({
  description: 'An object with a global id: fetch it again with node(id:). Its number in the database is databaseId.',
  resolveType: (value: Record<symbol, string>) => value[NODE_TYPE],
})
export abstract class Node {
  /** The global id; resolved from the type and the row's number by `NodeIdResolver`. */
  @Extensions(SHARED_ACROSS_VIEWERS)
  @Field(() => ID, { name: 'id', description: 'The global id: opaque, stable, unique across types.' })
  globalId!: string;
}

const PATTERN = /^([A-Z][A-Za-z]*):(-?\d{1,15})$/;
/** Row numbers are SQL `integer` columns: a number outside their range names no row (PostgreSQL would refuse to compare it). */
const MAX_ROW_NUMBER = 2_147_483_647;

/** The global id of row `id` of a Node type: base64url of `Type:id`. */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** The type and number a global id names; null when it is not one this API gave out. */
export function parseGlobalId(id: string): { type: string; id: number } | null {
  if (typeof id !== 'string' || id.length > 64) return null;
  const match = PATTERN.exec(Buffer.from(id, 'base64url').toString('latin1'));
  if (!match || toGlobalId(match[1], Number(match[2])) !== id || Math.abs(Number(match[2])) > MAX_ROW_NUMBER) return null;
  return { type: match[1], id: Number(match[2]) };
}

/**
 * The database number behind a global id argument, which must name one of `types`: a
 * BAD_USER_INPUT error names the argument otherwise.
 */
export function fromGlobalId(id: string, types: string | readonly string[], field = 'id'): number {
  const parsed = parseGlobalId(id);
  const allowed = typeof types === 'string' ? [types] : types;
  if (!parsed || !allowed.includes(parsed.type)) {
    throw new BadUserInputError(`${field} is not the id of a ${allowed.join(' or ')}`, field);
  }
  return parsed.id;
}

/** `fromGlobalId` for an optional argument: null stays null. */
export function fromOptionalGlobalId(id: string | null | undefined, types: string | readonly string[], field = 'id'): number | null {
  return id == null ? null : fromGlobalId(id, types, field);
}

/** `fromGlobalId` for a list argument; the field named in an error carries the index. */
export function fromGlobalIds(ids: readonly string[], types: string | readonly string[], field = 'ids'): number[] {
  return ids.map((id, index) => fromGlobalId(id, types, `${field}.${index}`));
}
