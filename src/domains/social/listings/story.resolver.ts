import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { fromGlobalId, toGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreateStoryInput } from './story.input';
import { toStory } from './story.mapper';
import { createStory, deleteStory, listStoriesFor } from './story.service';
import { Story, StoryConnection } from './story.type';

@Resolver(() => Story)
export class StoryResolver {
  @Authorized()
  @Query(() => StoryConnection, { description: 'Unexpired stories of the viewer and of the users the viewer follows, newest first; 20 a page by default.' })
  async stories(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Story>> {
    const window = windowOf(args);
    return toConnection(await listStoriesFor(ctx, window), window, (row) => [row.id], toStory);
  }

  @FieldResolver(() => User)
  async user(@Root() story: Story, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(story.userId))!, ctx.viewer);
  }

  @Authorized()
  @Mutation(() => Story, { description: 'Shares a story for 24 hours.' })
  async createStory(@Ctx() ctx: Context, @Arg('input', () => CreateStoryInput) input: CreateStoryInput): Promise<Story> {
    return toStory(await createStory(ctx, input));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes one of the viewer's own stories and its stored file; answers the deleted story's id." })
  async deleteStory(@Ctx() ctx: Context, @Arg('storyId', () => ID) storyId: string): Promise<string> {
    return toGlobalId('Story', await deleteStory(ctx, fromGlobalId(storyId, 'Story', 'storyId')));
  }
}
