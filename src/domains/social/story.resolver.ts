import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { MAX_CATALOG_PAGE } from './catalog.paging';
import { CreateStoryInput } from './story.input';
import { toStory } from './story.mapper';
import { createStory, deleteStory, listStoriesFor } from './story.service';
import { Story } from './story.type';

@Resolver(() => Story)
export class StoryResolver {
  @Authorized()
  @Query(() => [Story], { description: 'Unexpired stories of the viewer and of the users the viewer follows, newest first.' })
  async stories(@Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 25, description: `At most ${MAX_CATALOG_PAGE}.` }) limit: number): Promise<Story[]> {
    return (await listStoriesFor(ctx, limit)).map(toStory);
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
  @Mutation(() => Boolean, { description: 'Deletes one of the viewer\'s own stories and its stored file.' })
  deleteStory(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deleteStory(ctx, id);
  }
}
