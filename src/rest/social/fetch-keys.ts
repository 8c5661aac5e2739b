import { ErrorCode } from '../../errors';
import { LegacyError } from '../route';

/** The `fetch` keys asked for that a route serves; none is an error naming the ones it serves. */
export function fetchKeys(values: Record<string, unknown>, served: readonly string[]): string[] {
  const wanted = (values.fetch as string[]).filter((key) => served.includes(key));
  if (wanted.length === 0) throw new LegacyError(ErrorCode.BadUserInput, `fetch must name at least one of: ${served.join(', ')}`);
  return wanted;
}
