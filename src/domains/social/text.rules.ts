import { BadUserInputError } from '../../errors';

/** Trims a required display text (a title) and checks its length; `field` names it in the error. */
export function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw new BadUserInputError(`${field} must not be empty`, field);
  if (text.length > max) throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return text;
}

/** Trims a text that must have at least `min` characters; `field` names it in the error. */
export function atLeast(value: string, min: number, field: string): string {
  const text = value.trim();
  if (text.length < min) throw new BadUserInputError(`${field} must be at least ${min} characters`, field);
  return text;
}

/** Trims an optional text; none, or nothing but spaces, is null. */
export function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
