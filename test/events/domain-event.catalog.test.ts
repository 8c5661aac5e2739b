import { EVENT_CATALOG, type EventName, isEventName } from '../../src/events/domain-event.catalog';
import type { DomainEvent } from '../../src/events/domain-event';
import type { UnitOfWork } from '../../src/events/domain-event.publisher';

/**
 * Never called: these lines are checked by the compiler (`npm run lint` runs `tsc --noEmit -p .`,
 * which covers test/; Jest only strips the types). Were event names plain strings again, each
 * `@ts-expect-error` would be unused, and that is an error too.
 */
export async function misspeltEventNamesDoNotCompile(unit: UnitOfWork): Promise<DomainEvent['name'][]> {
  await unit.record('comment.created', { comment: [1], post: [2], user: [3] });
  // @ts-expect-error 'coment.created' is not in the catalog
  await unit.record('coment.created', { comment: [1], post: [2], user: [3] });
  // @ts-expect-error nor is a name in another case
  const shouted: EventName = 'POST.CREATED';
  // @ts-expect-error a domain event carries a catalog name
  const event: DomainEvent = { name: 'post.publish', occurredAt: '', actorId: null, entities: {} };
  return [shouted, event.name];
}

test('the catalog: unique names in the README order, and isEventName knows exactly them', () => {
  const names = EVENT_CATALOG.map((event) => event.name);
  expect(names).toHaveLength(50);
  expect(new Set(names).size).toBe(names.length);
  expect(names.slice(0, 3)).toEqual(['member.joined', 'member.joined_waitlist', 'member.deleted']);
  expect(names.at(-1)).toBe('package.deleted');
  expect(names.every(isEventName)).toBe(true);
  expect(['coment.created', 'POST.CREATED', '*', ''].filter(isEventName)).toEqual([]);
});
