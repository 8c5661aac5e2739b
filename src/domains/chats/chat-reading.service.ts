import type { Context } from '../../graphql/context.types';
import { BadUserInputError } from '../../errors';
import { type Connection, MAX_FIRST, type OffsetConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { requireViewer } from '../shared/viewer.guard';
import type { ChatsFilter } from './chat.input';
import type { MessageRow } from './chat.row';
import { CHAT_LIST_KEY, chatListKey, countChatViews, listChatViews } from './chat.repository';
import { requireChat } from './chat.service';
import { toChat, toMessage } from './chat.mapper';
import type { Chat, Message } from './chat.type';
import { listMessages, searchMessages, searchWords, totalUnread } from './message.repository';

/** How many messages a page holds when no size is asked for. */
export const DEFAULT_MESSAGE_PAGE = 20;
/** How many matches searchMessages answers at most. */
export const MAX_SEARCH_RESULTS = MAX_FIRST;

/** The viewer's chats: pinned first, then by last activity. Archived chats only when asked for. */
export async function listChats(ctx: Context, filter: ChatsFilter | null, args: OffsetConnectionArgs): Promise<Connection<Chat>> {
  const viewer = requireViewer(ctx);
  const window = windowOf(args, CHAT_LIST_KEY);
  const archived = filter && 'archived' in filter && filter.archived !== undefined ? filter.archived : false;
  const chosen = { archived, pinned: filter?.pinned };
  const rows = await listChatViews(ctx.db, viewer.userId, chosen, window);
  return toConnection(rows, window, chatListKey, toChat, () => countChatViews(ctx.db, viewer.userId, chosen));
}

/**
 * A page of a chat's live messages, keyset on id: `first`/`after` read towards newer messages,
 * `last`/`before` towards older ones; with none of the four, the newest 20. `offset` skips that
 * many first (from the newest end when reading backward: the chat API's numbered pages).
 */
export async function messagePage(ctx: Context, chatId: number, args: OffsetConnectionArgs): Promise<Connection<Message>> {
  const chat = await requireChat(ctx, chatId);
  const newest = args.first == null && args.after == null && args.last == null && args.before == null;
  const window = windowOf(newest ? { ...args, last: DEFAULT_MESSAGE_PAGE } : args, ['number'], DEFAULT_MESSAGE_PAGE);
  const rows = await listMessages(ctx.db, chat.id, chat.deleted_up_to_message_id ?? 0, window);
  // Only the page's rows: the extra row that tells whether more exist is not on the page.
  for (const row of rows.slice(0, window.size)) ctx.loaders.message.prime(row.id, row);
  return toConnection(rows, window, (row: MessageRow) => [row.id], toMessage);
}

/**
 * Full-text search in one chat, best match first, then newest: at most `first` (up to
 * MAX_SEARCH_RESULTS) matches. Whatever the viewer typed is taken as words, never as FTS syntax;
 * input with no words finds nothing.
 */
export async function searchChat(ctx: Context, chatId: number, text: string, first: number): Promise<MessageRow[]> {
  if (text.length > 500) throw new BadUserInputError('The search text is longer than 500 characters', 'query');
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) throw new BadUserInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}`, 'first');
  const chat = await requireChat(ctx, chatId);
  const words = searchWords(text);
  return words.length === 0 ? [] : searchMessages(ctx.db, chat.id, chat.deleted_up_to_message_id ?? 0, words, first);
}

/** Unread messages over all the viewer's chats. */
export function unreadTotal(ctx: Context): Promise<number> {
  return totalUnread(ctx.db, requireViewer(ctx).userId);
}
