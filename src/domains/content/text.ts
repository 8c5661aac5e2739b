import striptags from 'striptags';
import { he } from '../../lazy';

const SHORT_TEXT_LENGTH = 110;

/** Content with HTML removed and entities decoded, whitespace collapsed. */
export function cleanText(content: string): string {
  return he()
    .decode(striptags(content, [], ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first 110 characters of the clean text, cut at a word boundary when one is near. */
export function shortText(clean: string): string {
  if (clean.length <= SHORT_TEXT_LENGTH) return clean;
  const cut = clean.slice(0, SHORT_TEXT_LENGTH);
  const space = cut.lastIndexOf(' ');
  return (space > SHORT_TEXT_LENGTH * 0.7 ? cut.slice(0, space) : cut).trim();
}

/** Hashtags in text (`#word`), lowercased and unique, in order of first use. */
export function hashtags(text: string): string[] {
  const found = [...text.matchAll(/(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,64})/gu)].map((m) => m[1].toLowerCase());
  return [...new Set(found)];
}
