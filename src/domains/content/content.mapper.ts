import type { Selectable } from 'kysely';
import type { Comments, Posts, Replies } from '../../db/schema';
import type { Comment, Post, Reply } from './content.type';
import { reactionCounts } from './reaction.type';
import { toContentState, toPostStatus } from './content-status';

export type PostRow = Selectable<Posts>;
export type CommentRow = Selectable<Comments>;
export type ReplyRow = Selectable<Replies>;

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toPost(row: PostRow): Post {
  return {
    id: row.id,
    authorId: row.user_id,
    boardId: row.board_id,
    pageId: row.page_id,
    groupId: row.group_id,
    headline: row.headline,
    content: row.content,
    cleanText: row.clean_text,
    shortText: row.post_short_text,
    status: toPostStatus(row.post_status),
    state: toContentState(row.state),
    commentCount: row.comment_count,
    replyCount: row.reply_count,
    reactCount: row.react_count,
    reactions: reactionCounts(row),
    viewCount: row.view_count,
    pinned: row.pinned_at !== null,
    lastEditedAt: date(row.last_edited_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    authorId: row.user_id,
    content: row.content,
    cleanText: row.clean_text,
    status: toPostStatus(row.comment_status),
    state: toContentState(row.state),
    replyCount: row.reply_count,
    reactCount: row.react_count,
    reactions: reactionCounts(row),
    lastEditedAt: date(row.last_edited_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toReply(row: ReplyRow): Reply {
  return {
    id: row.id,
    commentId: row.comment_id,
    postId: row.post_id,
    authorId: row.user_id,
    content: row.content,
    cleanText: row.clean_text,
    status: toPostStatus(row.status),
    state: toContentState(row.state),
    reactCount: row.react_count,
    reactions: reactionCounts(row),
    lastEditedAt: date(row.last_edited_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
