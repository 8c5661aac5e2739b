import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A named set of a user's photos. */
@ObjectType()
export class Album {
  @Field(() => Int) id!: number;
  @Field(() => Int) ownerId!: number;
  @Field() name!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType()
export class AlbumMedia {
  @Field(() => Int) id!: number;
  @Field(() => Int) albumId!: number;
  @Field() url!: string;
}
