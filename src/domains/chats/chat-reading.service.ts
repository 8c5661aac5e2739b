import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import { requireViewer } from '../users/user.service';
import type { ChatsFilter } from './chat.input';
import type { ChatViewRow, MessageRow } from './chat.mapper';
import { hasMessagesAround, listChatViews, listMessages, messagesNewestFirst, searchMessages, searchWords, totalUnread } from './chat.repository';
import { requireChat } from './chat.service';

export const MAX_CHAT_PAGE = 100;
export const MAX_MESSAGE_PAGE = 100;
/** The chat API's page size. */
export const LEGACY_MESSAGE_PAGE = 20;

function checkPage(page: number, pageSize: number, max: number): void {
  if (!Number.isInteger(page) || page < 1) throw new BadUserInputError('page starts at 1', 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) throw new BadUserInputError(`pageSize must be between 1 and ${max}`, 'pageSize');
}

/** The viewer's chats: pinned first, then by last activity. Archived chats only when asked for. */
export async function listChats(ctx: Context, filter: ChatsFilter | null, page: number, pageSize: number): Promise<{ rows: ChatViewRow[]; hasMore: boolean }> {
  checkPage(page, pageSize, MAX_CHAT_PAGE);
  const viewer = requireViewer(ctx);
  const archived = filter && 'archived' in filter && filter.archived !== undefined ? filter.archived : false;
  const rows = await listChatViews(ctx.db, viewer.userId, { archived, pinned: filter?.pinned }, pageSize, (page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

const CURSOR_PREFIX = 'message:';

export function messageCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

function cursorId(cursor: string, field: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 0) throw new BadUserInputError(`${field} is not a cursor this API gave out`, field);
  return id;
}

export interface MessageWindowArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface MessageSlice {
  rows: MessageRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

function checkCount(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_MESSAGE_PAGE) throw new BadUserInputError(`${field} must be between 1 and ${MAX_MESSAGE_PAGE}`, field);
  return value;
}

/**
 * A slice of a chat's messages in id order. `first`/`after` read towards newer messages;
 * `last`/`before` towards older ones; no arguments give the newest 20. Both page-info flags are
 * exact: each is either the extra row of the main query or one indexed probe.
 */
export async function messageSlice(ctx: Context, chatId: number, args: MessageWindowArgs): Promise<MessageSlice> {
  const chat = await requireChat(ctx, chatId);
  const floor = chat.deleted_up_to_message_id ?? 0;
  const forward = args.first != null || args.after != null;
  if (forward && (args.last != null || args.before != null)) throw new BadUserInputError('Page with first/after or with last/before, not both');
  if (forward) {
    const after = args.after != null ? cursorId(args.after, 'after') : 0;
    const { rows, more } = await listMessages(ctx.db, chat.id, floor, { after, limit: checkCount(args.first ?? 20, 'first') });
    const hasPreviousPage = after > 0 && (await hasMessagesAround(ctx.db, chat.id, floor, rows[0]?.id ?? after + 1, 'older'));
    return { rows, hasNextPage: more, hasPreviousPage };
  }
  const before = args.before != null ? cursorId(args.before, 'before') : null;
  const { rows, more } = await listMessages(ctx.db, chat.id, floor, { before, limit: checkCount(args.last ?? 20, 'last') });
  const hasNextPage = before !== null && (await hasMessagesAround(ctx.db, chat.id, floor, rows.at(-1)?.id ?? before - 1, 'newer'));
  return { rows, hasNextPage, hasPreviousPage: more };
}

/** The chat API's numbered pages: `pageSize` messages a page, newest first. */
export async function messagesByPage(ctx: Context, chatId: number, page: number, pageSize: number): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  checkPage(page, pageSize, MAX_MESSAGE_PAGE);
  const chat = await requireChat(ctx, chatId);
  const rows = await messagesNewestFirst(ctx.db, chat.id, chat.deleted_up_to_message_id ?? 0, pageSize + 1, (page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/**
 * Full-text search in one chat, best match first, then newest. Whatever the viewer typed is taken as
 * words, never as FTS syntax; input with no words finds nothing.
 */
export async function searchChat(ctx: Context, chatId: number, text: string, limit: number): Promise<MessageRow[]> {
  if (text.length > 500) throw new BadUserInputError('The search text is longer than 500 characters', 'query');
  checkCount(limit, 'limit');
  const chat = await requireChat(ctx, chatId);
  const words = searchWords(text);
  return words.length === 0 ? [] : searchMessages(ctx.db, chat.id, chat.deleted_up_to_message_id ?? 0, words, limit);
}

/** Unread messages over all the viewer's chats. */
export function unreadTotal(ctx: Context): Promise<number> {
  return totalUnread(ctx.db, requireViewer(ctx).userId);
}
