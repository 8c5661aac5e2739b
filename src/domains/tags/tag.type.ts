import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

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
