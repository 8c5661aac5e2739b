import { ErrorCode } from '../../errors';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError } from '../route';
import { PAGE_DETAIL_FIELDS } from './place.shape';

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function bad(message: string): LegacyError {
  return new LegacyError(ErrorCode.BadUserInput, message);
}

/** Copies the named text fields of a request into an input, under the input's names. */
function copyText(raw: Record<string, unknown>, names: Record<string, string>, input: Record<string, unknown>): void {
  for (const [key, field] of Object.entries(names)) if (text(raw[key]) !== undefined) input[field] = text(raw[key]);
}

/** avatar and cover: an uploaded file (multipart) or an image URL as text. */
function copyImages(raw: Record<string, unknown>, input: Record<string, unknown>): void {
  for (const key of ['avatar', 'cover']) {
    if (raw[key] instanceof UploadedFile) input[`${key}File`] = raw[key];
    else if (text(raw[key]) !== undefined) input[key] = text(raw[key]);
    else if (raw[key] !== undefined) throw bad(`${key} must be an image file or an image URL`);
  }
}

/** A documented 0/1-style choice: `choices` maps each accepted text to its value. */
function choice<T>(raw: Record<string, unknown>, key: string, choices: Record<string, T>, wording: string): T | undefined {
  const value = text(raw[key])?.trim();
  if (value === undefined) return undefined;
  if (!Object.hasOwn(choices, value)) throw bad(`${key} must be ${wording}`);
  return choices[value];
}

const PAGE_TEXT: Record<string, string> = {
  page_name: 'name',
  page_title: 'title',
  page_description: 'description',
  page_category: 'category',
  website: 'website',
  phone: 'phone',
  address: 'address',
};

/** An UpdatePageInput (without its pageId) from update-page-data's named fields and any other page field sent. */
export function pageFromSocialFields(raw: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  copyText(raw, PAGE_TEXT, input);
  copyImages(raw, input);
  const botEnabled = choice(raw, 'bot_enabled', { '1': true, '0': false }, '1 or 0');
  if (botEnabled !== undefined) input.botEnabled = botEnabled;
  const details: Record<string, unknown> = {};
  copyText(raw, PAGE_DETAIL_FIELDS, details);
  if (Object.keys(details).length > 0) input.details = details;
  if (Object.keys(input).length === 0) throw bad('Send at least one page field to update');
  return input;
}

/** privacy: "1" public, "0" private, as the document gives it. */
export const PRIVACY_CHOICES = { '1': false, '0': true } as const;
/** join_privacy: WoWonder's "1" anyone joins, "2" the owner approves. */
export const JOIN_PRIVACY_CHOICES = { '1': false, '2': true } as const;

/** The privacy and join_privacy fields of a request as isPrivate and joinNeedsApproval. */
export function groupPrivacy(raw: Record<string, unknown>): { isPrivate?: boolean; joinNeedsApproval?: boolean } {
  const isPrivate = choice(raw, 'privacy', PRIVACY_CHOICES, '1 (public) or 0 (private)');
  const joinNeedsApproval = choice(raw, 'join_privacy', JOIN_PRIVACY_CHOICES, '1 (anyone joins) or 2 (joining needs approval)');
  return { ...(isPrivate === undefined ? {} : { isPrivate }), ...(joinNeedsApproval === undefined ? {} : { joinNeedsApproval }) };
}

/** An UpdateGroupInput from update-group-data's named fields. */
export function groupFromSocialFields(raw: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = { ...groupPrivacy(raw) };
  copyText(raw, { group_name: 'name', group_title: 'title', about: 'about', category: 'category' }, input);
  copyImages(raw, input);
  if (Object.keys(input).length === 0) throw bad('Send at least one group field to update');
  return input;
}
