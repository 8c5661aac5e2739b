import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

@ObjectType('Session', { implements: Node, description: 'A signed-in session of the viewer: one token from register, login or social login.' })
export class ActiveSession {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Recorded at most every 5 minutes.' }) lastUsedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it ends unless used before (SESSION_TTL after its last use).' }) expiresAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The address that signed in.' }) ip!: string | null;
  @Field(() => String, { nullable: true, description: 'The push-notification device id given at sign-in.' }) deviceId!: string | null;
  @Field({ description: 'Whether this request was made with it.' }) current!: boolean;
}
