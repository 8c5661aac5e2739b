import type { Projection } from '../../graphql/projection';
import type { TagRow } from './tag.row';
import type { Tag } from './tag.type';

export function toTag(row: TagRow): Tag {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    image: row.image,
    ogImage: row.og_image,
    ogTitle: row.og_title,
    ogDescription: row.og_description,
    backColor: row.back_color,
    textColor: row.text_color,
    useCount: row.use_count,
  };
}

/** The columns each Tag field reads (toTag and the useCount resolver); the name is always read (tag lists sort by it). */
export const TAG_PROJECTION: Projection = {
  always: ['id', 'name'],
  fields: {
    id: [],
    databaseId: [],
    name: [],
    displayName: ['display_name'],
    description: ['description'],
    image: ['image'],
    ogImage: ['og_image'],
    ogTitle: ['og_title'],
    ogDescription: ['og_description'],
    backColor: ['back_color'],
    textColor: ['text_color'],
    useCount: ['use_count'],
  },
};
