import type { SocialCreateStoryMutation, SocialStoriesQuery } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError, type LegacyRoute } from '../route';
import { limitParam } from './listing.input';
import { ok } from './envelope';
import { SOCIAL_STORY_FIELDS, socialStory } from './story.shape';
import { SOCIAL_USER_FIELDS } from './user.shape';

export const socialStoryRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/create-story',
    summary: 'Share a story (an image or a video) for 24 hours',
    auth: 'user',
    params: [
      { name: 'file', type: 'file', required: true, description: 'A multipart image or video: jpg, jpeg, png, gif, mp4, mov, webm' },
      { name: 'file_type', type: 'string', enum: ['image', 'video'], description: 'Must match the file when sent' },
      { name: 'story_title', type: 'string', description: 'At least 2 characters' },
      { name: 'story_description', type: 'string' },
    ],
    operation: /* GraphQL */ `mutation SocialCreateStory($input: CreateStoryInput!) { createStory(input: $input) { id: databaseId } }`,
    variables: ({ values: v }) => {
      if (!(v.file instanceof UploadedFile)) throw new LegacyError(ErrorCode.BadUserInput, 'file must be one multipart image or video file');
      return { input: { file: v.file, fileType: v.file_type ?? null, title: v.story_title ?? null, description: v.story_description ?? null } };
    },
    fieldNames: { fileType: 'file_type', title: 'story_title', description: 'story_description' },
    respond: (data: SocialCreateStoryMutation) => ok({ story_id: data.createStory.id }),
    note: "story_id is a number, as the document's example shows. file_type is documented as required, but the file's content decides whether it is an image or a video: it may be left out, and when sent it must match the file.",
  },
  {
    method: 'POST',
    path: '/get-stories',
    summary: "Get the unexpired stories of the users the caller follows, and the caller's own",
    auth: 'user',
    params: [{ name: 'limit', type: 'integer', description: 'Default: 25, at most 100' }],
    operation: /* GraphQL */ `
      query SocialStories($limit: Int!) { stories(first: $limit) { nodes { ...SocialStory } } }
      ${SOCIAL_STORY_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values }) => ({ limit: limitParam(values, 25) }),
    respond: (data: SocialStoriesQuery, { viewer }) => ok({ stories: data.stories.nodes.map((story) => socialStory(story, viewer?.userId ?? null)) }),
    note: 'stories is a flat list, newest first (accepted follows only), each with id, user_id, title, description, file, file_type, thumbnail (the image, "" for a video), posted, expire, is_owner and user_data.',
  },
  {
    method: 'POST',
    path: '/delete-story',
    summary: "Delete one of the caller's own stories",
    auth: 'user',
    params: [{ name: 'story_id', type: 'integer', required: true }],
    operation: /* GraphQL */ `mutation SocialDeleteStory($id: ID!) { deleteStory(storyId: $id) }`,
    variables: ({ values }) => ({ id: toGlobalId('Story', values.story_id as number) }),
    fieldNames: { storyId: 'story_id' },
    respond: () => ok({ message: 'Story successfully deleted' }),
  },
];
