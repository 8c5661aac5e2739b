import type { CommunityBoardFragment, CommunityCommentFragment, CommunityPostFragment, CommunityReplyFragment, CommunityTagFragment } from '../../generated/operations';
import { LEGACY_POSTING_ROLE, LEGACY_VISIBILITY } from './board-codes';
import { LEGACY_STATE, LEGACY_STATUS } from './content-codes';
import { compact } from './envelope';

const CONTENT_BASE = /* GraphQL */ `
  fragment CommunityAuthor on User { id: databaseId avatar username msid }
  fragment CommunityReactions on ReactionCounts { s1 s2 s3 s4 s5 s6 }
`;

export const POST_FRAGMENT = /* GraphQL */ `
  fragment CommunityPost on Post {
    id: databaseId boardId: boardDatabaseId headline shortText content cleanText status state commentCount replyCount reactCount viewCount
    lastEditedAt createdAt updatedAt reactions { ...CommunityReactions } author { ...CommunityAuthor }
  }
  ${CONTENT_BASE}
`;

export const COMMENT_FRAGMENT = /* GraphQL */ `
  fragment CommunityComment on Comment {
    id: databaseId postId: postDatabaseId content cleanText status state replyCount reactCount lastEditedAt createdAt updatedAt
    reactions { ...CommunityReactions } author { ...CommunityAuthor }
  }
  ${CONTENT_BASE}
`;

export const REPLY_FRAGMENT = /* GraphQL */ `
  fragment CommunityReply on Reply {
    id: databaseId commentId: commentDatabaseId postId: postDatabaseId content cleanText status state reactCount lastEditedAt createdAt updatedAt
    reactions { ...CommunityReactions } author { ...CommunityAuthor }
  }
  ${CONTENT_BASE}
`;

export const BOARD_FRAGMENT = /* GraphQL */ `
  fragment CommunityBoard on Board {
    id: databaseId displayOrder name boardType: kind isPrivate visibility permissionFor needsApproval pinnedPostIds: pinnedPostDatabaseIds postCount lastPostedAt icon about
  }
`;

export const TAG_FRAGMENT = /* GraphQL */ `
  fragment CommunityTag on Tag { id: databaseId name displayName description image ogImage ogTitle ogDescription backColor textColor }
`;

type Author = CommunityPostFragment['author'];
type Reactions = CommunityPostFragment['reactions'];

function user(author: Author) {
  return compact({ user_id: author.id, user_avatar: author.avatar, username: author.username, msid: author.msid });
}

/** Slots with at least one reaction; absent when there are none, as in the document's examples. */
function reactions(counts: Reactions) {
  const used = Object.fromEntries(Object.entries(counts).filter(([, n]) => typeof n === 'number' && n > 0));
  return Object.keys(used).length > 0 ? used : null;
}

export function communityPost(post: CommunityPostFragment) {
  return compact({
    post_id: post.id,
    board_id: post.boardId,
    headline: post.headline,
    post_short_text: post.shortText,
    content: post.content,
    clean_text: post.cleanText,
    post_status: LEGACY_STATUS[post.status],
    state: LEGACY_STATE[post.state],
    comment_count: post.commentCount,
    reply_count: post.replyCount,
    react_count: post.reactCount,
    reactions: reactions(post.reactions),
    view_count: post.viewCount,
    last_edited_at: post.lastEditedAt,
    created_at: post.createdAt,
    last_modified_at: post.updatedAt,
    user: user(post.author),
  });
}

export function communityComment(comment: CommunityCommentFragment) {
  return compact({
    post_id: comment.postId,
    comment_id: comment.id,
    content: comment.content,
    clean_text: comment.cleanText,
    react_count: comment.reactCount,
    reply_count: comment.replyCount,
    reactions: reactions(comment.reactions),
    comment_status: LEGACY_STATUS[comment.status],
    state: LEGACY_STATE[comment.state],
    last_edited_at: comment.lastEditedAt,
    created_at: comment.createdAt,
    last_modified_at: comment.updatedAt,
    user: user(comment.author),
  });
}

export function communityReply(reply: CommunityReplyFragment) {
  return compact({
    post_id: reply.postId,
    comment_id: reply.commentId,
    reply_id: reply.id,
    content: reply.content,
    clean_text: reply.cleanText,
    react_count: reply.reactCount,
    reactions: reactions(reply.reactions),
    status: LEGACY_STATUS[reply.status],
    state: LEGACY_STATE[reply.state],
    last_edited_at: reply.lastEditedAt,
    created_at: reply.createdAt,
    last_modified_at: reply.updatedAt,
    user: user(reply.author),
  });
}

export function communityBoard(board: CommunityBoardFragment) {
  return compact({
    board_id: board.id,
    display_order: board.displayOrder,
    board_name: board.name,
    board_type: board.boardType,
    is_private: board.isPrivate,
    hidden_type: LEGACY_VISIBILITY[board.visibility],
    permission_for: LEGACY_POSTING_ROLE[board.permissionFor],
    needs_approval: board.needsApproval,
    pinned_posts: board.pinnedPostIds,
    post_count: board.postCount,
    last_posted_at: board.lastPostedAt,
    icon: board.icon,
    about: board.about,
  });
}

export function communityTag(tag: CommunityTagFragment) {
  return compact({
    tag_id: tag.id,
    name: tag.name,
    display_name: tag.displayName,
    description: tag.description,
    image: tag.image,
    og_image: tag.ogImage,
    og_title: tag.ogTitle,
    og_description: tag.ogDescription,
    back_color: tag.backColor,
    text_color: tag.textColor,
  });
}

/** A tag as lists show it: id, names and colours. */
export function communityTagSummary(tag: CommunityTagFragment) {
  return compact({ tag_id: tag.id, name: tag.name, display_name: tag.displayName, back_color: tag.backColor, text_color: tag.textColor });
}
