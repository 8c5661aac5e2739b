import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A film in the site's movie catalogue (kept by admins). */
@ObjectType({ implements: Node, description: "A film in the site's movie catalogue (kept by admins)." })
export class Movie {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field() description!: string;
  @Field() genre!: string;
  @Field() country!: string;
  @Field(() => String, { nullable: true }) stars!: string | null;
  @Field(() => String, { nullable: true }) producer!: string | null;
  @Field(() => Int, { nullable: true }) releaseYear!: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes.' }) duration!: number | null;
  @Field(() => String, { nullable: true, description: 'hd, sd, …' }) quality!: string | null;
  @Field(() => String, { nullable: true, description: 'A cover image URL.' }) cover!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the film plays: a video URL.' }) source!: string | null;
  @Field(() => Int) viewCount!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const MovieConnection = connectionType(Movie, { description: 'A page of movies, newest first.' });
