import type { Projection } from '../../graphql/projection';
import type { Comment, Post, Reply } from './content.type';
import { reactionCounts } from './reaction.type';
import { toContentState, toPostStatus } from './content-status';
import type { CommentRow, PostRow, ReplyRow } from './content.row';

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

const REACTION_COLUMNS = ['react_s1', 'react_s2', 'react_s3', 'react_s4', 'react_s5', 'react_s6'];

/** The columns the fields comments and replies share read (toComment, toReply, the Remark resolvers). */
const REMARK_FIELDS = {
  id: [],
  databaseId: [],
  postDatabaseId: ['post_id'],
  authorDatabaseId: ['user_id'],
  author: ['user_id'],
  post: ['post_id'],
  tags: [],
  content: ['content'],
  cleanText: ['clean_text'],
  reactCount: ['react_count'],
  reactions: REACTION_COLUMNS,
  lastEditedAt: ['last_edited_at'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
};

/** The columns each Post field reads (toPost and the Post field resolvers). */
export const POST_PROJECTION: Projection = {
  always: ['id'],
  fields: {
    id: [],
    databaseId: [],
    authorDatabaseId: ['user_id'],
    author: ['user_id'],
    boardDatabaseId: ['board_id'],
    board: ['board_id'],
    pageDatabaseId: ['page_id'],
    groupDatabaseId: ['group_id'],
    headline: ['headline'],
    content: ['content'],
    cleanText: ['clean_text'],
    shortText: ['post_short_text'],
    status: ['post_status'],
    state: ['state'],
    commentCount: ['comment_count'],
    replyCount: ['reply_count'],
    reactCount: ['react_count'],
    reactions: REACTION_COLUMNS,
    viewCount: ['view_count'],
    pinned: ['pinned_at'],
    lastEditedAt: ['last_edited_at'],
    createdAt: ['created_at'],
    updatedAt: ['updated_at'],
    tags: [],
    comments: [],
    reactors: [],
    viewerReaction: [],
  },
};

/** The columns each Comment field reads; the post id is always read (lists group by it). */
export const COMMENT_PROJECTION: Projection = {
  always: ['id', 'post_id'],
  fields: { ...REMARK_FIELDS, status: ['comment_status'], state: ['state'], replyCount: ['reply_count'], replies: [] },
};

/** The columns each Reply field reads; its comment id is always read (it tells a Reply from a Comment). */
export const REPLY_PROJECTION: Projection = {
  always: ['id', 'comment_id', 'post_id'],
  fields: { ...REMARK_FIELDS, status: ['status'], state: ['state'], commentDatabaseId: ['comment_id'], comment: ['comment_id'] },
};
