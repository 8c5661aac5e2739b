import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import type { Projection } from '../../graphql/projection';
import type { TagRow } from './tag.row';

/** A tag: community tags and social hashtags alike. `name` is the lowercase hashtag form of `displayName`. */
@ObjectType({ implements: Node, description: 'A tag: community tags and social hashtags alike; `name` is the lowercase hashtag form of `displayName`.' })
export class Tag {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) image!: string | null;
  @Field(() => String, { nullable: true }) ogImage!: string | null;
  @Field(() => String, { nullable: true }) ogTitle!: string | null;
  @Field(() => String, { nullable: true }) ogDescription!: string | null;
  @Field() backColor!: string;
  @Field() textColor!: string;
  /** Every use; the useCount field resolver leaves out those the viewer may not read. */
  useCount!: number;
}

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
