import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A named set of a user's photos. */
@ObjectType({ implements: Node, description: "A named set of a user's photos." })
export class Album {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'ownerDatabaseId' }) ownerId!: number;
  @Field() name!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'One photo in an album.' })
export class AlbumMedia {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'albumDatabaseId' }) albumId!: number;
  @Field() url!: string;
}

export const AlbumConnection = connectionType(Album, { description: 'A page of albums, newest first.' });
