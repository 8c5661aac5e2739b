import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../errors';
import { recordMediaFile, withStoredMedia } from '../../../media/media-files';
import { storeUpload } from '../../../media/upload-claims';
import type { StoredMedia } from '../../../media/media-store';
import { requireViewer } from '../../shared/viewer.guard';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';
import type { CreateStoryInput } from './story.input';
import type { StoryRow } from './story.row';
import { deleteMediaFileRow, deleteStoryRow, findStory, insertStory, listFollowedStories } from './story.repository';
import { optionalText } from '../text.rules';

/** How long a story is listed. */
export const STORY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Shares a story for 24 hours: an uploaded image or video, or a URL elsewhere; records `story.created`. */
export async function createStory(ctx: Context, input: CreateStoryInput): Promise<StoryRow> {
  const viewer = requireViewer(ctx);
  const title = optionalText(input.title);
  if (title !== null && title.length < 2) throw new BadUserInputError('title must be at least 2 characters', 'title');
  if ((input.file == null) === (input.fileUrl == null || input.fileUrl === '')) throw new BadUserInputError('Send one file for the story: file or fileUrl', 'file');
  let fileUrl: string | null = null;
  if (input.fileUrl) {
    fileUrl = assertHttpUrl(input.fileUrl, 'fileUrl');
    if (ctx.media.pathOf(fileUrl) !== null) throw new BadUserInputError("fileUrl may not point at this gateway's uploads: upload the file instead", 'fileUrl');
    if (!input.fileType) throw new BadUserInputError('fileType is required with fileUrl', 'fileType');
  }
  const stored: StoredMedia | null = input.file ? await storeUpload(ctx, input.file, 'file') : null;
  return withStoredMedia(ctx.media, [stored], async () => {
    if (stored && input.fileType && input.fileType !== stored.kind) {
      throw new BadUserInputError(`fileType is ${input.fileType} but the file is ${stored.kind === 'image' ? 'an image' : 'a video'}`, 'fileType');
    }
    return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      if (stored) await recordMediaFile(trx, viewer.userId, stored);
      const now = new Date();
      const row = await insertStory(trx, {
        user_id: viewer.userId,
        title,
        description: optionalText(input.description),
        file_url: stored?.url ?? fileUrl!,
        file_type: stored?.kind ?? input.fileType!,
        expires_at: new Date(now.getTime() + STORY_LIFETIME_MS).toISOString(),
        created_at: now.toISOString(),
      });
      await record('story.created', { story: [row.id], user: [viewer.userId] }, viewer.userId);
      return row;
    });
  });
}

/** Deletes one of the viewer's own stories, with the file stored for it (removed after commit). */
export async function deleteStory(ctx: Context, storyId: number): Promise<number> {
  const viewer = requireViewer(ctx);
  const story = await findStory(ctx.db, storyId);
  if (!story) throw new NotFoundError(`Story ${storyId} does not exist`);
  if (story.user_id !== viewer.userId) throw new ForbiddenError('You may only delete your own stories');
  const path = ctx.media.pathOf(story.file_url);
  const ownFile = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await deleteStoryRow(trx, storyId);
    await record('story.deleted', { story: [storyId], user: [viewer.userId] }, viewer.userId);
    return path !== null && (await deleteMediaFileRow(trx, viewer.userId, path));
  });
  if (ownFile) await ctx.media.discard({ path: path!, url: story.file_url, mimeType: '', size: 0, kind: story.file_type === 'video' ? 'video' : 'image' });
  return storyId;
}

/** The unexpired stories of the viewer and of the users the viewer follows, newest first: one window. */
export function listStoriesFor(ctx: Context, window: Window): Promise<StoryRow[]> {
  return listFollowedStories(ctx.db, requireViewer(ctx).userId, new Date().toISOString(), window);
}
