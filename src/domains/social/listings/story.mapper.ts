import type { Story } from './story.type';
import type { StoryRow } from './story.row';

export function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    description: row.description,
    fileUrl: row.file_url,
    fileType: row.file_type,
    expiresAt: new Date(row.expires_at),
    createdAt: new Date(row.created_at),
  };
}
