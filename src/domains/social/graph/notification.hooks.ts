import type { UnitOfWork } from '../../../events/domain-event.publisher';
import { ENTITY_STATUS, type RefType } from '../../content/content-status';
import type { CommentRow, PostRow, ReplyRow } from '../../content/content.row';
import { deleteActivities, insertActivity } from './activity.repository';
import { ACTIVITY_TYPE } from './activity.type';
import { findAuthorId } from './notification.repository';
import { excerpt, notify } from './notification.service';
import { NOTIFICATION_TYPE } from './notification.type';

// What the social graph keeps of other domains' changes: the owner's notification and the actor's
// activity. Each hook runs inside the change's own unit of work, so both commit or roll back with it.

type Unit = Pick<UnitOfWork, 'trx' | 'record'>;

/** A timeline post becomes its author's activity (board posts stay in their boards). */
export async function onPostCreated(unit: Unit, post: PostRow): Promise<void> {
  if (post.board_id !== null || post.post_status !== ENTITY_STATUS.ACTIVE) return;
  await insertActivity(unit.trx, { userId: post.user_id, type: ACTIVITY_TYPE.POST, refType: 'POST', refId: post.id });
}

/** A comment notifies the post's author and becomes the commenter's activity. */
export async function onCommentCreated(unit: Unit, comment: CommentRow, post: PostRow): Promise<void> {
  await notify(unit, { recipientId: post.user_id, notifierId: comment.user_id, type: NOTIFICATION_TYPE.COMMENT, refType: 'COMMENT', refId: comment.id, text: excerpt(comment.clean_text) });
  await insertActivity(unit.trx, { userId: comment.user_id, type: ACTIVITY_TYPE.COMMENT, refType: 'COMMENT', refId: comment.id });
}

/** A reply notifies the comment's author and becomes the replier's activity. */
export async function onReplyCreated(unit: Unit, reply: ReplyRow, comment: CommentRow): Promise<void> {
  await notify(unit, { recipientId: comment.user_id, notifierId: reply.user_id, type: NOTIFICATION_TYPE.REPLY, refType: 'REPLY', refId: reply.id, text: excerpt(reply.clean_text) });
  await insertActivity(unit.trx, { userId: reply.user_id, type: ACTIVITY_TYPE.REPLY, refType: 'REPLY', refId: reply.id });
}

/**
 * A reaction (new or moved to another slot) notifies the author of the post, comment or reply once
 * per reacting user, and is the reacting user's latest activity.
 */
export async function onReacted(unit: Unit, userId: number, refType: RefType, refId: number): Promise<void> {
  if (refType === 'USER') return;
  const authorId = await findAuthorId(unit.trx, refType, refId);
  if (authorId === undefined) return;
  await notify(unit, { recipientId: authorId, notifierId: userId, type: NOTIFICATION_TYPE.REACTION, refType, refId, once: true });
  const activity = { userId, type: ACTIVITY_TYPE.REACTION, refType, refId };
  await deleteActivities(unit.trx, activity);
  await insertActivity(unit.trx, activity);
}

/**
 * A direct message notifies its recipient; group messages notify nobody. The sender has passed
 * assertMayMessage, which refuses a direct message across a block, so the block is not read again.
 */
export async function onMessageSent(unit: Unit, message: { id: number; sender_id: number; body: string }, recipientId: number | null): Promise<void> {
  if (recipientId === null) return;
  await notify(unit, { recipientId, notifierId: message.sender_id, type: NOTIFICATION_TYPE.MESSAGE, refType: 'MESSAGE', refId: message.id, text: excerpt(message.body), blockChecked: true });
}
