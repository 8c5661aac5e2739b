import type { Selectable } from 'kysely';
import type { Comments, Posts, Replies } from '../../db/schema';

/** A `posts` row as the database returns it. */
export type PostRow = Selectable<Posts>;
/** A `comments` row as the database returns it. */
export type CommentRow = Selectable<Comments>;
/** A `replies` row as the database returns it. */
export type ReplyRow = Selectable<Replies>;

/** How many posts, comments and replies a user has written (every status counted). */
export interface UserCounts {
  posts: number;
  comments: number;
  replies: number;
}
