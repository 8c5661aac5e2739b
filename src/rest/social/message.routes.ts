import type { SocialSendMessageMutation } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { ok } from './envelope';
import { SOCIAL_MESSAGE_FIELDS, socialMessage } from './message.shape';
import { SOCIAL_USER_FIELDS } from './user.shape';

/** The global id of the user the route names by number. */
const userId = (values: Record<string, unknown>) => toGlobalId('User', values.user_id as number);

const WITH_USER: ParamSpec = { name: 'user_id', type: 'integer', required: true, description: 'The user the caller is chatting with' };

export const socialMessageRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/send-message',
    summary: 'Send a message to a user: text, an uploaded file, or an image imported from a URL',
    auth: 'user',
    params: [
      { name: 'user_id', type: 'integer', required: true, description: 'To whom this message is sent' },
      { name: 'message_hash_id', type: 'string', required: true, description: 'A random unique value; a retried send with the same one returns the first message' },
      { name: 'text', type: 'string' },
      { name: 'file', type: 'file', description: 'A multipart file: jpg, jpeg, png, gif, mp4, mov, webm' },
      { name: 'image_url', type: 'string', description: 'An image to import (when the gateway allows imports; never from private addresses)' },
    ],
    operation: /* GraphQL */ `
      mutation SocialSendMessage($input: SendMessageInput!) { sendMessage(input: $input) { ...SocialMessage } }
      ${SOCIAL_MESSAGE_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values }) => {
      const { file } = values;
      if (file !== undefined && !(file instanceof UploadedFile)) throw new LegacyError(ErrorCode.BadUserInput, 'file must be sent as a multipart file');
      return {
        input: {
          toUserId: userId(values),
          hashId: values.message_hash_id,
          text: values.text ?? null,
          media: file ?? null,
          importImageUrl: values.image_url ?? null,
        },
      };
    },
    fieldNames: { toUserId: 'user_id', hashId: 'message_hash_id', media: 'file', importImageUrl: 'image_url' },
    respond: (data: SocialSendMessageMutation, { values, raw }) => ok({ message_data: [socialMessage(data.sendMessage, values.user_id as number, raw.message_hash_id)] }),
    note: "message_hash_id is documented as an int but described as a hash: any string is accepted and echoed back as sent. The answer's message_data holds the one message sent.",
  },
  {
    method: 'POST',
    path: '/set-chat-typing-status',
    summary: 'Show or remove "typing…" in the conversation with a user',
    auth: 'user',
    params: [WITH_USER, { name: 'status', type: 'string', required: true, enum: ['typing', 'stopped'] }],
    operation: /* GraphQL */ `mutation SocialSetTyping($withUserId: ID!, $typing: Boolean!) { setTyping(input: { withUserId: $withUserId, typing: $typing }) }`,
    variables: ({ values }) => ({ withUserId: userId(values), typing: values.status === 'typing' }),
    fieldNames: { withUserId: 'user_id' },
    respond: () => ok(),
    note: '"typing" lapses after 10 seconds unless sent again.',
  },
  {
    method: 'POST',
    path: '/change-chat-color',
    summary: "Change the caller's colour of the conversation with a user",
    auth: 'user',
    params: [WITH_USER, { name: 'color', type: 'string', required: true, description: 'Hex colour, e.g. #ffffff' }],
    operation: /* GraphQL */ `mutation SocialChatColor($withUserId: ID!, $color: String!) { setChatColor(input: { withUserId: $withUserId, color: $color }) { color } }`,
    variables: ({ values }) => ({ withUserId: userId(values), color: values.color }),
    fieldNames: { withUserId: 'user_id' },
    respond: () => ok(),
  },
  {
    method: 'POST',
    path: '/delete-conversation',
    summary: 'Delete the conversation with a user, for the caller only',
    auth: 'user',
    params: [{ name: 'user_id', type: 'integer', required: true, description: 'The user whose conversation to delete' }],
    operation: /* GraphQL */ `mutation SocialDeleteConversation($withUserId: ID!) { clearChatHistory(input: { withUserId: $withUserId }) }`,
    variables: ({ values }) => ({ withUserId: userId(values) }),
    fieldNames: { withUserId: 'user_id' },
    respond: () => ok({ message: 'The conversation has been deleted' }),
    note: 'The other user keeps the history; new messages show again for both.',
  },
];
