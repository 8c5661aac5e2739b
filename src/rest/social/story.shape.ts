import type { SocialStoryFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The story fields the social operations select. */
export const SOCIAL_STORY_FIELDS = /* GraphQL */ `
  fragment SocialStory on Story {
    id: databaseId userId: userDatabaseId title description fileUrl fileType expiresAt createdAt
    user { ...SocialUser }
  }
`;

/** A story as the social API shows one: times as unix seconds in strings, the file with its type, the user as `user_data`. */
export function socialStory(story: SocialStoryFragment, viewerId: number | null): Record<string, unknown> {
  return {
    id: String(story.id),
    user_id: String(story.userId),
    title: story.title ?? '',
    description: story.description ?? '',
    file: story.fileUrl,
    file_type: story.fileType,
    thumbnail: story.fileType === 'image' ? story.fileUrl : '',
    posted: unixTime(story.createdAt),
    expire: unixTime(story.expiresAt),
    is_owner: story.userId === viewerId ? '1' : '0',
    user_data: socialUser(story.user),
  };
}
