import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A social event: where and when, with how many people go or are interested. */
@ObjectType({ implements: Node, description: 'A social event: where and when, with how many people go or are interested.' })
export class Event {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'ownerDatabaseId' }) ownerId!: number;
  @Field() name!: string;
  @Field() location!: string;
  @Field() description!: string;
  @Field({ description: 'YYYY-MM-DD.' }) startDate!: string;
  @Field({ description: 'HH:MM, 24-hour.' }) startTime!: string;
  @Field({ description: 'YYYY-MM-DD.' }) endDate!: string;
  @Field({ description: 'HH:MM, 24-hour.' }) endTime!: string;
  @Field(() => String, { nullable: true, description: 'The cover image URL.' }) cover!: string | null;
  @Field(() => Int) goingCount!: number;
  @Field(() => Int) interestedCount!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const EventConnection = connectionType(Event, { description: 'A page of events, newest first.' });
