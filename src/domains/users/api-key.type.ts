import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: "An API key: the community API's Basic password and the marketing API's api_key." })
export class ApiKey {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field({ description: 'The first characters of the key, to tell keys apart.' }) prefix!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) revokedAt!: Date | null;
}

export const ApiKeyConnection = connectionType(ApiKey, { description: 'A page of API keys, oldest first.' });

@ObjectType({ description: 'A new API key and its secret.' })
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field({ description: 'The key itself. Shown once: only its hash is stored.' }) secret!: string;
}
