import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { applyWindow, type Window } from '../../../db/keyset';
import { containsPattern } from '../../../db/like';
import type { DB } from '../../../db/schema';
import type { UserRow } from '../../users/user.row';
import { UserStatus } from '../../users/user-status';
import { FOLLOW_STATE } from './follow.row';
import type { NearbyRow } from './discovery.row';

type Db = Kysely<DB>;

/** Mean earth radius in km. */
const EARTH_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_KM) / 180;
/**
 * Others are measured from the centre of the 0.01° cell (about 1 km) a user is in, never from their
 * exact position: distances from points of a caller's choosing (or a radius scanned around a guess)
 * would otherwise give the position away.
 */
const CELL_DEGREES = 0.01;
const cell = (column: 'u.lat' | 'u.lng') => sql<number>`(round(${sql.ref(column)} / ${CELL_DEGREES}) * ${CELL_DEGREES})`;

export interface NearbyQuery {
  lat: number;
  lng: number;
  distance: number | null;
  gender: string | null;
  keyword: string | null;
  presence: 'online' | 'offline' | null;
}

/** Live users other than the viewer who are not blocked by, and have not blocked, the viewer. */
function others(db: Db, viewerId: number) {
  return db
    .selectFrom('users as u')
    .where('u.id', '!=', viewerId)
    .where('u.user_status', '=', UserStatus.ACTIVE)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks as b')
            .select('b.blocker_id')
            .where((eb) =>
              eb.or([eb.and([eb('b.blocker_id', '=', viewerId), eb('b.blocked_id', '=', eb.ref('u.id'))]), eb.and([eb('b.blocked_id', '=', viewerId), eb('b.blocker_id', '=', eb.ref('u.id'))])]),
            ),
        ),
      ),
    );
}

/**
 * A window of the users who share a position, nearest first, with their great-circle distance in km
 * (haversine in SQL) to the centre of their cell. The list is keyed by (`metres`, id): the distance
 * rounded to whole metres, an integer the database computes the same way on every page.
 * A distance limit first narrows the rows to a bounding box, so the index-free scan stays small.
 */
export async function nearbyUsers(db: Db, viewerId: number, q: NearbyQuery, window: Window): Promise<NearbyRow[]> {
  const [lat, lng] = [cell('u.lat'), cell('u.lng')];
  const haversine = sql<number>`${EARTH_KM * 2} * asin(sqrt(power(sin(radians(${lat} - ${q.lat}) / 2), 2) + cos(radians(${q.lat})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${q.lng}) / 2), 2)))`;
  let inner = others(db, viewerId)
    .selectAll('u')
    .select(haversine.as('distance'))
    .select(sql<number>`cast(round(${haversine} * 1000) as integer)`.as('metres'))
    .where('u.share_my_location', '=', 1)
    .where('u.lat', 'is not', null)
    .where('u.lng', 'is not', null);
  if (q.distance !== null) {
    // The box holds the cells within reach, and so every user in them (half a cell from its centre).
    const dLat = q.distance / KM_PER_DEGREE + CELL_DEGREES;
    inner = inner.where('u.lat', '>=', q.lat - dLat).where('u.lat', '<=', q.lat + dLat);
    const cosLat = Math.cos(((Math.abs(q.lat) + dLat) * Math.PI) / 180);
    const dLng = cosLat > 0 ? q.distance / (KM_PER_DEGREE * cosLat) + CELL_DEGREES : Infinity;
    if (q.lng - dLng >= -180 && q.lng + dLng <= 180) inner = inner.where('u.lng', '>=', q.lng - dLng).where('u.lng', '<=', q.lng + dLng);
  }
  if (q.gender) inner = inner.where('u.gender', '=', q.gender);
  // Someone who does not show being online reads as offline, here as on their profile.
  if (q.presence === 'online') inner = inner.where('u.presence', '=', 'online').where('u.show_online', '=', 1);
  if (q.presence === 'offline') inner = inner.where((eb) => eb.or([eb('u.presence', '=', 'offline'), eb('u.show_online', '=', 0)]));
  if (q.keyword) {
    const pattern = containsPattern(q.keyword);
    inner = inner.where(sql<SqlBool>`(u.username_key like ${pattern} escape '\\' or lower(u.first_name) like ${pattern} escape '\\' or lower(u.last_name) like ${pattern} escape '\\')`);
  }
  let query = db.selectFrom(inner.as('n')).selectAll();
  if (q.distance !== null) query = query.where('n.distance', '<=', q.distance);
  const rows = await applyWindow(query, ['n.metres', 'n.id'], 'asc', window).execute();
  return rows;
}

/** Accepted follows from the viewer's followings to a user: how many of the people they follow follow `u`. */
function sharedFollows(viewerId: number): Expression<number> {
  return sql<number>`(select count(*) from follows a join follows b on b.follower_id = a.following_id
    where a.follower_id = ${viewerId} and a.status = ${FOLLOW_STATE.ACCEPTED} and b.status = ${FOLLOW_STATE.ACCEPTED} and b.following_id = u.id)`;
}

/** People the viewer neither follows nor asked to follow: friends of friends first, then the most followed. */
export async function suggestedUsers(db: Db, viewerId: number, limit: number): Promise<UserRow[]> {
  return others(db, viewerId)
    .selectAll('u')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('follows as f').select('f.follower_id').where('f.follower_id', '=', viewerId).whereRef('f.following_id', '=', 'u.id'))))
    .orderBy(sharedFollows(viewerId), 'desc')
    .orderBy(sql`(select count(*) from follows c where c.following_id = u.id and c.status = ${FOLLOW_STATE.ACCEPTED})`, 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
}

/** A phone number's digits, in SQL: the usual separators and the leading + removed. */
const PHONE_DIGITS = sql<string>`replace(replace(replace(replace(replace(replace(u.phone, '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;

/** Users who let others find them by phone number and whose number, as digits, is one of `digits`. */
export async function usersByPhoneDigits(db: Db, viewerId: number, digits: readonly string[]): Promise<UserRow[]> {
  if (digits.length === 0) return [];
  return others(db, viewerId).selectAll('u').where('u.phone_discoverable', '=', 1).where('u.phone', 'is not', null).where(PHONE_DIGITS, 'in', digits).orderBy('u.id').execute();
}

/**
 * Adds `numbers` to a user's phone look-ups of `day` (one row per user: a new day starts again from
 * zero) and returns the day's total, this call included. One statement, so concurrent calls add up.
 */
export async function addContactLookups(db: Db, userId: number, day: string, numbers: number): Promise<number> {
  const row = await db
    .insertInto('contact_lookups')
    .values({ user_id: userId, day, numbers })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        numbers: sql<number>`case when contact_lookups.day = excluded.day then contact_lookups.numbers + excluded.numbers else excluded.numbers end`,
        day: sql<string>`excluded.day`,
      }),
    )
    .returning('numbers')
    .executeTakeFirstOrThrow();
  return Number(row.numbers);
}
