import { Arg, Args, Authorized, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { createApiKey, revokeApiKey, viewerApiKeys } from './api-key.service';
import { fromGlobalId, Node, toGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, connectionType, toConnection, windowOf } from '../../graphql/connection';

@ObjectType({ implements: Node, description: 'An API key: the community API\'s Basic password and the marketing API\'s api_key.' })
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

export function toApiKey(row: { id: number; name: string; prefix: string; created_at: string; revoked_at: string | null }): ApiKey {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: new Date(row.created_at), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null };
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Query(() => ApiKeyConnection, { description: 'The signed-in user\'s API keys (revoked ones too), oldest first.' })
  async apiKeys(@Ctx() ctx: Context, @Args() paging: ConnectionArgs): Promise<Connection<ApiKey>> {
    const window = windowOf(paging);
    const rows = await viewerApiKeys(ctx, window);
    return toConnection(rows, window, (row) => [row.id], toApiKey);
  }

  @Authorized()
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for the signed-in user.' })
  async createApiKey(@Ctx() ctx: Context, @Arg('name') name: string): Promise<CreatedApiKey> {
    const { row, key } = await createApiKey(ctx, name);
    return { apiKey: toApiKey(row), secret: key };
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Revokes one of your API keys at once (admins: anyone\'s); answers its id. The key stays listed, with revokedAt.' })
  async revokeApiKey(@Ctx() ctx: Context, @Arg('apiKeyId', () => ID) apiKeyId: string): Promise<string> {
    const id = fromGlobalId(apiKeyId, 'ApiKey', 'apiKeyId');
    await revokeApiKey(ctx, id);
    return toGlobalId('ApiKey', id);
  }
}
