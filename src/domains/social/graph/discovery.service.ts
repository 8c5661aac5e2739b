import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, RateLimitedError } from '../../../errors';
import type { UserRow } from '../../users/user.row';
import { updateUserRow } from '../../users/user.repository';
import { requireViewer } from '../../shared/viewer.guard';
import { addContactLookups, nearbyUsers, suggestedUsers, usersByPhoneDigits } from './discovery.repository';
import type { NearbyUsersFilter } from './discovery.type';
import type { Window } from '../../../db/keyset';
import type { NearbyRow } from './discovery.row';

/** How many phone numbers one request may look up, all its suggestions fields together. */
export const MAX_CONTACTS = 500;
/** The most people suggestions lists. */
export const MAX_SUGGESTIONS = 100;
/** How many phone numbers one account may look up in a UTC day. */
export const MAX_CONTACTS_PER_DAY = 2000;

/** Phone numbers looked up so far by each request (its context), across aliased fields. */
const lookedUp = new WeakMap<Context, number>();

function assertPosition(lat: number, lng: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new BadUserInputError('lat must be between -90 and 90', 'lat');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new BadUserInputError('lng must be between -180 and 180', 'lng');
}

/** Stores the viewer's position. */
export async function setLocation(ctx: Context, lat: number, lng: number): Promise<{ lat: number; lng: number }> {
  const viewer = requireViewer(ctx);
  assertPosition(lat, lng);
  const row = await ctx.events.transaction(ctx.db, ({ trx }) => updateUserRow(trx, viewer.userId, { lat, lng, updated_at: new Date().toISOString() }));
  ctx.loaders.user.clear(viewer.userId).prime(viewer.userId, row);
  return { lat, lng };
}

/**
 * Users who share their location, nearest to a point (the filter's lat/lng, or the viewer's stored
 * position; none when neither is known), with their distance in km; the viewer and users blocked
 * either way are left out.
 */
export async function findNearbyUsers(ctx: Context, filter: NearbyUsersFilter | null, window: Window): Promise<NearbyRow[]> {
  const viewer = requireViewer(ctx);
  if ((filter?.lat == null) !== (filter?.lng == null)) throw new BadUserInputError('Send lat and lng together', filter?.lat == null ? 'lat' : 'lng');
  let origin = filter?.lat != null ? { lat: filter.lat, lng: filter.lng! } : null;
  if (!origin) {
    const me = await ctx.loaders.user.load(viewer.userId);
    // Every parameter is optional: with no position to search from there is simply no one near.
    if (me?.lat == null || me.lng == null) return [];
    origin = { lat: me.lat, lng: me.lng };
  }
  assertPosition(origin.lat, origin.lng);
  const rows = await nearbyUsers(
    ctx.db,
    viewer.userId,
    {
      ...origin,
      distance: filter?.distance ?? null,
      gender: filter?.gender ?? null,
      keyword: filter?.keyword?.trim() || null,
      presence: filter?.presence ?? null,
    },
    window,
  );
  for (const row of rows) ctx.loaders.user.prime(row.id, row);
  return rows;
}

/** A phone number's digits; what has none is dropped. */
export function phoneDigits(contacts: readonly string[]): string[] {
  return [...new Set(contacts.map((contact) => contact.replace(/\D/g, '')).filter((digits) => digits !== ''))];
}

/** A contacts list holds at most MAX_CONTACTS phone numbers of at most 40 characters. */
export function assertContacts(contacts: unknown): void {
  if (contacts == null) return;
  if (!Array.isArray(contacts) || contacts.length > MAX_CONTACTS) throw new BadUserInputError(`Send at most ${MAX_CONTACTS} contacts`, 'contacts');
  if (contacts.some((contact) => typeof contact !== 'string' || contact.length > 40)) throw new BadUserInputError('A contact is a phone number of at most 40 characters', 'contacts');
}

/**
 * Counts phone numbers against the request's budget (MAX_CONTACTS, every field of the request
 * together) and the account's daily one (MAX_CONTACTS_PER_DAY): over either, RATE_LIMITED, and a
 * refused call does not count against the day.
 */
async function spendLookups(ctx: Context, userId: number, numbers: number): Promise<void> {
  if (numbers === 0) return;
  const inRequest = (lookedUp.get(ctx) ?? 0) + numbers;
  if (inRequest > MAX_CONTACTS) throw new RateLimitedError(`Look up at most ${MAX_CONTACTS} phone numbers in one request`);
  // Taken before the first await: a request's fields run concurrently.
  lookedUp.set(ctx, inRequest);
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    const today = await addContactLookups(trx, userId, new Date().toISOString().slice(0, 10), numbers);
    if (today > MAX_CONTACTS_PER_DAY) throw new RateLimitedError(`Look up at most ${MAX_CONTACTS_PER_DAY} phone numbers a day`, secondsToMidnightUtc());
  });
}

function secondsToMidnightUtc(): number {
  const now = new Date();
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);
}

/**
 * People to follow, and the users among the viewer's contacts (matched by phone digits) who let
 * others find them by phone number. Phone look-ups are bounded per request and per account a day.
 */
export async function suggestUsers(ctx: Context, contacts: string[] | null, limit: number): Promise<{ people: UserRow[]; contacts: UserRow[] }> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGESTIONS) throw new BadUserInputError(`first must be between 1 and ${MAX_SUGGESTIONS}`, 'first');
  assertContacts(contacts);
  const digits = contacts ? phoneDigits(contacts) : [];
  await spendLookups(ctx, viewer.userId, digits.length);
  const people = await suggestedUsers(ctx.db, viewer.userId, limit);
  const matched = await usersByPhoneDigits(ctx.db, viewer.userId, digits);
  for (const row of [...people, ...matched]) ctx.loaders.user.prime(row.id, row);
  return { people, contacts: matched };
}
