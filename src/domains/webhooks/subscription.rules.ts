import { BadUserInputError } from '../../errors';
import { type EventName, isEventName } from '../../events/domain-event.catalog';

/** Subscribes to every event in the catalog, including ones added later. */
export const ALL_EVENTS = '*';

/** Whether a subscription's stored event list wants this event. */
export function wantsEvent(events: readonly string[], name: EventName): boolean {
  return events.includes(ALL_EVENTS) || events.includes(name);
}

/**
 * Checks and normalizes the events a subscription asks for: trimmed, deduplicated, at least one,
 * each in the catalog; `*` (all events) stands alone. Throws BadUserInputError naming the unknown ones.
 */
export function checkEventNames(names: readonly unknown[], field = 'events'): string[] {
  if (names.length === 0) throw new BadUserInputError(`${field} must name at least one event`, field);
  if (names.some((name) => typeof name !== 'string')) throw new BadUserInputError(`${field} must be event names`, field);
  const events = [...new Set((names as string[]).map((name) => name.trim()))];
  if (events.includes(ALL_EVENTS)) {
    if (events.length > 1) throw new BadUserInputError(`${field}: "*" means every event and stands alone`, field);
    return events;
  }
  const unknown = events.filter((name) => !isEventName(name));
  if (unknown.length > 0) {
    throw new BadUserInputError(`Unknown event ${unknown.map((n) => `"${n}"`).join(', ')}; see the webhookEventCatalog query for the list`, field);
  }
  return events;
}

/** The stored form of an event list: a JSON array. Reads a comma list too, for rows written by hand. */
export function parseEvents(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  } catch {
    // not JSON: a comma list
  }
  return stored
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
