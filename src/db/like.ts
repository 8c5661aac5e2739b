/** Text for a LIKE pattern (used with `escape '\\'`): `\`, `%` and `_` in it match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern for "contains the text", lower-cased, with `%`, `_` and `\` in the text matching themselves. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}

/** A LIKE pattern for "contains the text", the text as given (not lower-cased), matched literally. */
export function containsPatternAsIs(text: string): string {
  return `%${escapeLike(text)}%`;
}
