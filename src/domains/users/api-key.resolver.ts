import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { createApiKey, revokeApiKey } from './auth.service';
import { requireViewer } from './user.service';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'An API key: the community API\'s Basic password and the marketing API\'s api_key.' })
export class ApiKey {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field({ description: 'The first characters of the key, to tell keys apart.' }) prefix!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field({ description: 'The key itself. Shown once: only its hash is stored.' }) secret!: string;
}

function toApiKey(row: { id: number; name: string; prefix: string; created_at: string; revoked_at: string | null }): ApiKey {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: new Date(row.created_at), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null };
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Query(() => [ApiKey], { description: 'The signed-in user\'s API keys.' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    const rows = await ctx.db.selectFrom('api_keys').selectAll().where('user_id', '=', requireViewer(ctx).userId).orderBy('id').execute();
    return rows.map(toApiKey);
  }

  @Authorized()
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for the signed-in user.' })
  async createApiKey(@Ctx() ctx: Context, @Arg('name') name: string): Promise<CreatedApiKey> {
    const { row, key } = await createApiKey(ctx, name);
    return { apiKey: toApiKey(row), secret: key };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Revokes an API key at once.' })
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return revokeApiKey(ctx, id);
  }
}
