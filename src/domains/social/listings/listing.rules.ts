import { BadUserInputError } from '../../../errors';

/** An http(s) URL kept as given (GraphQL clients cannot upload files). */
export function assertHttpUrl(value: string, field: string): string {
  const url = value.trim();
  if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) throw new BadUserInputError(`${field} must be an http(s) URL`, field);
  return url;
}
