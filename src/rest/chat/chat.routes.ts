import type {
  ChatListQuery,
  ChatMessagesQuery,
  ChatSearchMessagesQuery,
  ChatSendMessageMutation,
  ChatToggleStarMutation,
} from '../../generated/operations';
import { ErrorCode } from '../../graphql/errors';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { CHAT_CHAT_FIELDS, CHAT_MESSAGE_FIELDS, chatChat, chatMessage } from './chat.shape';

const CHAT: ParamSpec = { name: 'chat', type: 'integer', in: 'path', required: true, description: 'chat id' };
const SUCCESS = { status: 'success' };

/** How many chats of each kind (active, archived) the list shows. */
const LIST_SIZE = 100;

export const chatChatRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/chats',
    summary: 'The caller\'s chats: pinned first, then by last activity; archived chats after the others',
    auth: 'user',
    operation: /* GraphQL */ `
      query ChatList($size: Int!) {
        active: chats(filter: { archived: false }, pageSize: $size) { items { ...ChatChat } }
        archived: chats(filter: { archived: true }, pageSize: $size) { items { ...ChatChat } }
      }
      ${CHAT_CHAT_FIELDS}
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: () => ({ size: LIST_SIZE }),
    respond: (data: ChatListQuery) => ({ ...SUCCESS, data: [...data.active.items, ...data.archived.items].map(chatChat) }),
    note: `Up to ${LIST_SIZE} active and ${LIST_SIZE} archived chats; each carries is_pinned, is_archived and unread_count.`,
  },
  {
    method: 'POST',
    path: '/chats/:chat/toggle-pin',
    summary: 'Pin or unpin a chat for the caller',
    auth: 'user',
    params: [CHAT],
    operation: /* GraphQL */ `mutation ChatTogglePin($chatId: Int!) { pinChat(chatId: $chatId) { id: databaseId pinned } }`,
    variables: ({ values }) => ({ chatId: values.chat }),
    respond: () => SUCCESS,
  },
  {
    method: 'POST',
    path: '/chats/:chat/toggle-archive',
    summary: 'Archive or restore a chat for the caller',
    auth: 'user',
    params: [CHAT],
    operation: /* GraphQL */ `mutation ChatToggleArchive($chatId: Int!) { archiveChat(chatId: $chatId) { id: databaseId archived } }`,
    variables: ({ values }) => ({ chatId: values.chat }),
    respond: () => SUCCESS,
  },
  {
    method: 'GET',
    path: '/chats/:chat/search-messages',
    summary: 'Search a chat\'s messages: best match first, then newest',
    auth: 'user',
    params: [CHAT, { name: 'q', type: 'string', required: true, description: 'string to search (taken as words, never as query syntax)' }],
    operation: /* GraphQL */ `
      query ChatSearchMessages($chatId: Int!, $q: String!) { searchMessages(chatId: $chatId, query: $q, limit: 50) { ...ChatMessage } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ chatId: values.chat, q: values.q }),
    respond: (data: ChatSearchMessagesQuery) => ({ ...SUCCESS, data: data.searchMessages.map(chatMessage) }),
    note: 'At most 50 matches.',
  },
  {
    method: 'GET',
    path: '/chats/:chat/messages',
    summary: 'A chat\'s messages, 20 a page, newest first',
    auth: 'user',
    params: [CHAT, { name: 'page', type: 'integer', description: 'each page returns 20 messages; default 1' }],
    operation: /* GraphQL */ `
      query ChatMessages($chatId: Int!, $page: Int!) { messagesByPage(chatId: $chatId, page: $page, pageSize: 20) { items { ...ChatMessage } hasMore } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ chatId: values.chat, page: values.page ?? 1 }),
    respond: (data: ChatMessagesQuery) => ({ ...SUCCESS, data: data.messagesByPage.items.map(chatMessage) }),
  },
  {
    method: 'POST',
    path: '/chats/:chat/messages/:message/starred/:participant',
    summary: 'Star or unstar a message for the caller (toggle); answers the caller\'s starred messages in the chat',
    auth: 'user',
    params: [
      CHAT,
      { name: 'message', type: 'integer', in: 'path', required: true, description: 'message id' },
      { name: 'participant', type: 'integer', in: 'path', required: true, description: 'the caller\'s participant id in this chat (participant_id in GET /api/chats)' },
    ],
    operation: /* GraphQL */ `
      mutation ChatToggleStar($chatId: Int!, $messageId: Int!, $participantId: Int!) {
        starMessage(id: $messageId, chatId: $chatId, participantId: $participantId) { chat { starredMessages { ...ChatMessage } } }
      }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ chatId: values.chat, messageId: values.message, participantId: values.participant }),
    respond: (data: ChatToggleStarMutation) => ({ ...SUCCESS, data: data.starMessage.chat.starredMessages.map(chatMessage) }),
    note: 'data lists the caller\'s starred messages in the chat after the toggle. Another participant\'s id answers 403.',
  },
  {
    method: 'POST',
    path: '/chats/:chat/messages',
    summary: 'Send a message',
    auth: 'user',
    params: [
      CHAT,
      { name: 'message', type: 'string', required: true, description: 'the text' },
      { name: 'reply', type: 'integer', description: '(optional) id of the message this one replies to' },
    ],
    operation: /* GraphQL */ `
      mutation ChatSendMessage($input: SendMessageInput!) { sendMessage(input: $input) { ...ChatMessage } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ input: { chatId: values.chat, text: values.message, replyToId: values.reply ?? null } }),
    fieldNames: { chatId: 'chat', text: 'message', replyToId: 'reply' },
    respond: (data: ChatSendMessageMutation) => ({ ...SUCCESS, data: chatMessage(data.sendMessage) }),
    note: 'The answer also carries the new message as data.',
  },
  {
    method: 'POST',
    path: '/chats/:chat/media-messages',
    summary: 'Send a message with media: an uploaded file (multipart) or a URL',
    auth: 'user',
    params: [
      CHAT,
      { name: 'message', type: 'string', required: true, description: 'the text' },
      { name: 'media', type: 'file', required: true, description: 'a multipart file (jpg, jpeg, png, gif, mp4, mov, webm) or an http(s) URL' },
      { name: 'reply', type: 'integer', description: '(optional) id of the message this one replies to' },
    ],
    operation: /* GraphQL */ `
      mutation ChatSendMediaMessage($input: SendMessageInput!) { sendMessage(input: $input) { ...ChatMessage } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => {
      const { media } = values;
      const base = { chatId: values.chat, text: values.message, replyToId: values.reply ?? null };
      if (media instanceof UploadedFile) return { input: { ...base, media } };
      if (typeof media === 'string') return { input: { ...base, mediaUrl: media } };
      throw new LegacyError(ErrorCode.BadUserInput, 'media must be a file or a URL');
    },
    fieldNames: { chatId: 'chat', text: 'message', replyToId: 'reply', mediaUrl: 'media' },
    respond: (data: ChatSendMessageMutation) => ({ ...SUCCESS, data: chatMessage(data.sendMessage) }),
    note: 'media is a multipart file part, or a URL in a form, query or JSON field. The answer also carries the new message as data.',
  },
];
