import type { OrderByModifiersCallbackExpression } from 'kysely';

/**
 * Sorts NULL lowest, as SQLite does: first ascending, last descending. PostgreSQL counts NULL
 * highest unless told, so every sort on a nullable column says it.
 */
export function nullsLowest(direction: 'asc' | 'desc'): OrderByModifiersCallbackExpression {
  return (ob) => (direction === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast());
}
