import { BadUserInputError } from '../../graphql/errors';
import { MAX_GRAPH_PAGE } from './follow.type';

/** Checks a page of the graph's lists: 1 to MAX_GRAPH_PAGE items, from an offset of 0 or more. */
export function assertPage(limit: number, offset = 0): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GRAPH_PAGE) throw new BadUserInputError(`limit must be between 1 and ${MAX_GRAPH_PAGE}`, 'limit');
  if (!Number.isInteger(offset) || offset < 0) throw new BadUserInputError('offset must be 0 or more', 'offset');
}
