import { isEmail } from '../../graphql/validators';
import { BadUserInputError } from '../../errors';

export const MAX_GROUP_NAME = 100;
export const MAX_NAME = 100;
export const MAX_NOTES = 2000;

const PHONE_SEPARATORS = /[\s().-]/g;
const PHONE = /^\+?\d{5,15}$/;

const blank = (value: string | null | undefined): value is null | undefined => value == null || value.trim() === '';

/** A contact group's name: trimmed, 1 to MAX_GROUP_NAME characters. */
export function groupName(value: string): string {
  const name = value.trim();
  if (name === '') throw new BadUserInputError('name must not be empty', 'name');
  if (name.length > MAX_GROUP_NAME) throw new BadUserInputError(`name must be at most ${MAX_GROUP_NAME} characters`, 'name');
  return name;
}

/** An email trimmed and lower-cased, or null when absent or blank. */
export function contactEmail(value: string | null | undefined): string | null {
  if (blank(value)) return null;
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !isEmail(email)) throw new BadUserInputError(`email "${value.trim()}" is not a valid email address`, 'email');
  return email;
}

/**
 * A phone number as digits with an optional leading +, or null when absent or blank. Spaces,
 * dashes, dots and brackets are dropped; anything else, or fewer than 5 or more than 15 digits, is an error.
 */
export function contactPhone(value: string | null | undefined): string | null {
  if (blank(value)) return null;
  const phone = value.trim().replace(PHONE_SEPARATORS, '');
  if (!PHONE.test(phone)) {
    throw new BadUserInputError(`phoneNumber "${value.trim()}" must be 5 to 15 digits with an optional leading + (spaces, dashes, dots and brackets are ignored)`, 'phoneNumber');
  }
  return phone;
}

/** A first or last name, trimmed; undefined stays undefined (no change). */
export function personName(value: string | null | undefined, field: 'firstName' | 'lastName'): string | undefined {
  if (value == null) return undefined;
  const name = value.trim();
  if (name.length > MAX_NAME) throw new BadUserInputError(`${field} must be at most ${MAX_NAME} characters`, field);
  return name;
}

export function contactNotes(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  if (value.length > MAX_NOTES) throw new BadUserInputError(`notes must be at most ${MAX_NOTES} characters`, 'notes');
  return value;
}

/** The contact fields a write gives, checked and normalised; undefined means "not given". */
export interface ContactFields {
  firstName?: string;
  lastName?: string;
  email: string | null;
  phoneNumber: string | null;
  notes?: string;
}

/** Checks and normalises a contact's fields as a create, an update or an import row gives them. */
export function contactFields(input: { firstName?: string | null; lastName?: string | null; email?: string | null; phoneNumber?: string | null; notes?: string | null }): ContactFields {
  return {
    email: contactEmail(input.email),
    phoneNumber: contactPhone(input.phoneNumber),
    firstName: personName(input.firstName, 'firstName'),
    lastName: personName(input.lastName, 'lastName'),
    notes: contactNotes(input.notes),
  };
}

/** The stored values an update may touch. */
export interface ContactState {
  first_name: string;
  last_name: string;
  email: string | null;
  phone_number: string | null;
  notes: string;
}

/** Whether two stored-form phone numbers are one number: "+15550001111" and "15550001111" are. */
function samePhone(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.replace(/^\+/, '') === b.replace(/^\+/, '');
}

/**
 * The update rules of the marketing API: names and notes always change; email and phone number
 * are filled in only when the contact has none yet. Giving the value it already has (compared
 * normalised) is no change; a different one is an error, so a caller never believes a change
 * happened that did not, unless `keepSet` asks for the document's way: left out, the rest saved.
 */
export function applyUpdateRules(current: ContactState, fields: ContactFields, keepSet = false): ContactState {
  const writeOnce = (stored: string | null, given: string | null, field: 'email' | 'phoneNumber') => {
    if (given === null || stored === given || (field === 'phoneNumber' && samePhone(stored, given))) return stored;
    if (stored === null) return given;
    if (keepSet) return stored;
    throw new BadUserInputError(`${field} is already set and cannot be changed`, field);
  };
  return {
    first_name: fields.firstName ?? current.first_name,
    last_name: fields.lastName ?? current.last_name,
    email: writeOnce(current.email, fields.email, 'email'),
    phone_number: writeOnce(current.phone_number, fields.phoneNumber, 'phoneNumber'),
    notes: fields.notes ?? current.notes,
  };
}
