import type { SocialPostFragment, SocialUserFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The post fields the social operations select. */
export const SOCIAL_POST_FIELDS = /* GraphQL */ `
  fragment SocialPost on Post {
    id: databaseId authorId: authorDatabaseId boardId: boardDatabaseId pageId: pageDatabaseId groupId: groupDatabaseId content cleanText reactCount commentCount createdAt
    reactions { s1 s2 }
    author { ...SocialUser }
  }
`;

/** A post as the social API shows one: ids, counts and times as strings, with its publisher. */
export function socialPost(post: SocialPostFragment): Record<string, unknown> {
  return {
    id: String(post.id),
    post_id: String(post.id),
    user_id: String(post.authorId),
    page_id: String(post.pageId ?? 0),
    group_id: String(post.groupId ?? 0),
    postText: post.content,
    time: unixTime(post.createdAt),
    post_likes: String(post.reactions.s1),
    post_wonders: String(post.reactions.s2),
    post_comments: String(post.commentCount),
    publisher: socialUser(post.author),
  };
}

export function socialComment(comment: { id: number; postId: number; content: string; createdAt: string; author: SocialUserFragment }) {
  return {
    id: String(comment.id),
    post_id: String(comment.postId),
    user_id: String(comment.author.id),
    text: comment.content,
    time: unixTime(comment.createdAt),
    publisher: socialUser(comment.author),
  };
}
