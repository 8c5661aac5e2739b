import type {
  ChatListQuery,
  ChatMessagesQuery,
  ChatPinStateQuery,
  ChatArchiveStateQuery,
  ChatSearchMessagesQuery,
  ChatSendMessageMutation,
  ChatStarStateQuery,
  ChatToggleStarMutation,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { CHAT_CHAT_FIELDS, CHAT_MESSAGE_FIELDS, chatChat, chatMessage } from './chat.shape';

const CHAT: ParamSpec = { name: 'chat', type: 'integer', in: 'path', required: true, description: 'chat id' };
const SUCCESS = { status: 'success' };

/** The chat API's page size for a chat's messages. */
const MESSAGE_PAGE = 20;

const chatId = (values: Record<string, unknown>) => toGlobalId('Chat', values.chat as number);
const replyTo = (values: Record<string, unknown>) => (values.reply == null ? null : toGlobalId('Message', values.reply as number));

/** How many chats of each kind (active, archived) the list shows. */
const LIST_SIZE = 100;

export const chatChatRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/chats',
    summary: "The caller's chats: pinned first, then by last activity; archived chats after the others",
    auth: 'user',
    operation: /* GraphQL */ `
      query ChatList($size: Int!) {
        active: chats(filter: { archived: false }, first: $size) { nodes { ...ChatChat } }
        archived: chats(filter: { archived: true }, first: $size) { nodes { ...ChatChat } }
      }
      ${CHAT_CHAT_FIELDS}
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: () => ({ size: LIST_SIZE }),
    respond: (data: ChatListQuery) => ({ ...SUCCESS, data: [...data.active.nodes, ...data.archived.nodes].map(chatChat) }),
    note: `Up to ${LIST_SIZE} active and ${LIST_SIZE} archived chats; each carries is_pinned, is_archived and unread_count.`,
  },
  {
    method: 'POST',
    path: '/chats/:chat/toggle-pin',
    summary: 'Pin or unpin a chat for the caller',
    auth: 'user',
    params: [CHAT],
    prelude: {
      operation: /* GraphQL */ `query ChatPinState($chatId: ID!) { chat(id: $chatId) { pinned } }`,
      variables: ({ values }) => ({ chatId: chatId(values) }),
    },
    operation: /* GraphQL */ `mutation ChatTogglePin($chatId: ID!, $pinned: Boolean!) { setChatPinned(input: { chatId: $chatId, pinned: $pinned }) { id: databaseId pinned } }`,
    variables: ({ values, prelude }) => ({ chatId: chatId(values), pinned: !(prelude as ChatPinStateQuery).chat?.pinned }),
    respond: () => SUCCESS,
  },
  {
    method: 'POST',
    path: '/chats/:chat/toggle-archive',
    summary: 'Archive or restore a chat for the caller',
    auth: 'user',
    params: [CHAT],
    prelude: {
      operation: /* GraphQL */ `query ChatArchiveState($chatId: ID!) { chat(id: $chatId) { archived } }`,
      variables: ({ values }) => ({ chatId: chatId(values) }),
    },
    operation: /* GraphQL */ `mutation ChatToggleArchive($chatId: ID!, $archived: Boolean!) { setChatArchived(input: { chatId: $chatId, archived: $archived }) { id: databaseId archived } }`,
    variables: ({ values, prelude }) => ({ chatId: chatId(values), archived: !(prelude as ChatArchiveStateQuery).chat?.archived }),
    respond: () => SUCCESS,
  },
  {
    method: 'GET',
    path: '/chats/:chat/search-messages',
    summary: "Search a chat's messages: best match first, then newest",
    auth: 'user',
    params: [CHAT, { name: 'q', type: 'string', required: true, description: 'string to search (taken as words, never as query syntax)' }],
    operation: /* GraphQL */ `
      query ChatSearchMessages($chatId: ID!, $q: String!) { searchMessages(chatId: $chatId, query: $q, first: 50) { ...ChatMessage } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ chatId: chatId(values), q: values.q }),
    respond: (data: ChatSearchMessagesQuery) => ({ ...SUCCESS, data: data.searchMessages.map(chatMessage) }),
    note: 'At most 50 matches.',
  },
  {
    method: 'GET',
    path: '/chats/:chat/messages',
    summary: "A chat's messages, 20 a page, newest first",
    auth: 'user',
    params: [CHAT, { name: 'page', type: 'integer', description: 'each page returns 20 messages; default 1' }],
    operation: /* GraphQL */ `
      query ChatMessages($chatId: ID!, $size: Int!, $offset: Int!) { messages(chatId: $chatId, last: $size, offset: $offset) { nodes { ...ChatMessage } } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    // Page n, newest first: the last 20 messages after skipping the 20 × (n - 1) newest; the connection lists them oldest first.
    variables: ({ values }) => {
      const page = (values.page as number | undefined) ?? 1;
      if (page < 1) throw new LegacyError(ErrorCode.BadUserInput, 'page starts at 1');
      return { chatId: chatId(values), size: MESSAGE_PAGE, offset: (page - 1) * MESSAGE_PAGE };
    },
    respond: (data: ChatMessagesQuery) => ({ ...SUCCESS, data: data.messages.nodes.slice().reverse().map(chatMessage) }),
  },
  {
    method: 'POST',
    path: '/chats/:chat/messages/:message/starred/:participant',
    summary: "Star or unstar a message for the caller (toggle); answers the caller's starred messages in the chat",
    auth: 'user',
    params: [
      CHAT,
      { name: 'message', type: 'integer', in: 'path', required: true, description: 'message id' },
      { name: 'participant', type: 'integer', in: 'path', required: true, description: "the caller's participant id in this chat (participant_id in GET /api/chats)" },
    ],
    prelude: {
      operation: /* GraphQL */ `query ChatStarState($messageId: ID!) { node(id: $messageId) { ... on Message { starred } } }`,
      variables: ({ values }) => ({ messageId: toGlobalId('Message', values.message as number) }),
    },
    operation: /* GraphQL */ `
      mutation ChatToggleStar($chatId: ID!, $messageId: ID!, $participantId: ID!, $starred: Boolean!) {
        setMessageStarred(input: { messageId: $messageId, starred: $starred, chatId: $chatId, participantId: $participantId }) { chat { starredMessages { ...ChatMessage } } }
      }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values, prelude }) => {
      const message = (prelude as ChatStarStateQuery).node;
      return {
        chatId: chatId(values),
        messageId: toGlobalId('Message', values.message as number),
        participantId: toGlobalId('ChatParticipant', values.participant as number),
        starred: !(message && 'starred' in message && message.starred),
      };
    },
    respond: (data: ChatToggleStarMutation) => ({ ...SUCCESS, data: data.setMessageStarred.chat.starredMessages.map(chatMessage) }),
    note: "data lists the caller's starred messages in the chat after the toggle. Another participant's id answers 403.",
  },
  {
    method: 'POST',
    path: '/chats/:chat/messages',
    summary: 'Send a message',
    auth: 'user',
    params: [CHAT, { name: 'message', type: 'string', required: true, description: 'the text' }, { name: 'reply', type: 'integer', description: '(optional) id of the message this one replies to' }],
    operation: /* GraphQL */ `
      mutation ChatSendMessage($input: SendMessageInput!) { sendMessage(input: $input) { ...ChatMessage } }
      ${CHAT_MESSAGE_FIELDS}
    `,
    variables: ({ values }) => ({ input: { chatId: chatId(values), text: values.message, replyToId: replyTo(values) } }),
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
      const base = { chatId: chatId(values), text: values.message, replyToId: replyTo(values) };
      if (media instanceof UploadedFile) return { input: { ...base, media } };
      if (typeof media === 'string') return { input: { ...base, mediaUrl: media } };
      throw new LegacyError(ErrorCode.BadUserInput, 'media must be a file or a URL');
    },
    fieldNames: { chatId: 'chat', text: 'message', replyToId: 'reply', mediaUrl: 'media' },
    respond: (data: ChatSendMessageMutation) => ({ ...SUCCESS, data: chatMessage(data.sendMessage) }),
    note: 'media is a multipart file part, or a URL in a form, query or JSON field. The answer also carries the new message as data.',
  },
];
