import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { createApiKey, revokeApiKey, viewerApiKeys } from './api-key.service';
import { fromGlobalId, toGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { toApiKey } from './api-key.mapper';
import { ApiKey, ApiKeyConnection, CreatedApiKey } from './api-key.type';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Query(() => ApiKeyConnection, { description: "The signed-in user's API keys (revoked ones too), oldest first." })
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
  @Mutation(() => ID, { description: "Revokes one of your API keys at once (admins: anyone's); answers its id. The key stays listed, with revokedAt." })
  async revokeApiKey(@Ctx() ctx: Context, @Arg('apiKeyId', () => ID) apiKeyId: string): Promise<string> {
    const id = fromGlobalId(apiKeyId, 'ApiKey', 'apiKeyId');
    await revokeApiKey(ctx, id);
    return toGlobalId('ApiKey', id);
  }
}
