import type { Insertable } from 'kysely';
import type { Subscribers } from '../../db/schema';
import type { SubscriberImportRow } from './subscriber.input';

/** A PSID: the page-scoped id Messenger gives, digits only. */
export const PSID = /^\d{1,32}$/;

export const isPsid = (value: string) => PSID.test(value);

/** The subscriber columns one import row sets; the others keep their stored or default value. */
export type SubscriberValues = Omit<Insertable<Subscribers>, 'id' | 'page_id' | 'psid' | 'created_at' | 'updated_at'>;

const TEXT_FIELDS = [
  ['firstName', 'first_name', 100],
  ['lastName', 'last_name', 100],
  ['fullName', 'full_name', 200],
  ['gender', 'gender', 20],
  ['locale', 'locale', 20],
  ['timezone', 'timezone', 64],
  ['lastErrorMessage', 'last_error_message', 1000],
  ['lastErrorMessageBroadcast', 'last_error_message_broadcast', 1000],
  ['referrerSource', 'referrer_source', 255],
] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d[\d ().-]{3,30}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SQL_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const LEGACY_ZERO = /^0000-00-00( 00:00:00)?$/;

class RowRejected extends Error {}

function birthdate(value: string): string | null {
  if (value === '' || LEGACY_ZERO.test(value)) return null;
  const match = DATE.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) throw new RowRejected('birthdate must be a date in YYYY-MM-DD format');
  return value;
}

function moment(field: string, value: string): string | null {
  if (value === '' || LEGACY_ZERO.test(value)) return null;
  const text = SQL_DATE_TIME.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) throw new RowRejected(`${field} must be an ISO 8601 date-time or YYYY-MM-DD HH:MM:SS`);
  return new Date(time).toISOString();
}

function contact(field: string, value: string, pattern: RegExp, max: number, what: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length > max || !pattern.test(trimmed)) throw new RowRejected(`${field} must be ${what}`);
  return field === 'email' ? trimmed.toLowerCase() : trimmed;
}

function values(row: SubscriberImportRow): SubscriberValues {
  const out: Record<string, unknown> = {};
  for (const [field, column, max] of TEXT_FIELDS) {
    const value = row[field];
    if (value == null) continue;
    const trimmed = value.trim();
    if (trimmed.length > max) throw new RowRejected(`${field} must be at most ${max} characters`);
    out[column] = trimmed;
  }
  if (row.unavailable != null) out.unavailable = row.unavailable ? 1 : 0;
  if (row.email != null) out.email = contact('email', row.email, EMAIL, 254, 'an email address');
  if (row.phoneNumber != null) out.phone_number = contact('phoneNumber', row.phoneNumber, PHONE, 32, 'a phone number (digits, spaces, + ( ) - .)');
  if (row.birthdate != null) out.birthdate = birthdate(row.birthdate.trim());
  if (row.subscribedAt != null) out.subscribed_at = moment('subscribedAt', row.subscribedAt.trim());
  if (row.lastInteractionAt != null) out.last_interaction_at = moment('lastInteractionAt', row.lastInteractionAt.trim());
  return out;
}

/**
 * Checks one import row: a PSID of digits, an email and a phone number of the right form, dates
 * that parse, text within its length. Gives the columns it sets, or why the row is refused.
 * Omitted (null) fields set nothing; an empty email, phone or date clears it.
 */
export function checkImportRow(row: SubscriberImportRow): { psid: string; values: SubscriberValues } | { message: string } {
  const psid = typeof row.psid === 'string' ? row.psid.trim() : '';
  if (!isPsid(psid)) return { message: 'psid must be a string of 1 to 32 digits' };
  try {
    return { psid, values: values(row) };
  } catch (error) {
    if (error instanceof RowRejected) return { message: error.message };
    throw error;
  }
}
