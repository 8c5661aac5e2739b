import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import { toLabel } from './label.mapper';
import { assignLabels, createLabel, pageLabels, removeLabel } from './label.service';
import { Label } from './label.type';
import { labelListKey } from './subscriber.loaders';
import { toSubscriber } from './subscriber.mapper';
import { Subscriber } from './subscriber.type';

const MAX_LABEL_SUBSCRIBERS = 1000;

@Resolver(() => Label)
export class LabelResolver {
  @Authorized()
  @Query(() => [Label], { description: 'The labels of one of the viewer\'s bot pages, in the order they were made.' })
  async labels(@Ctx() ctx: Context, @Arg('pageId', () => Int) pageId: number): Promise<Label[]> {
    return (await pageLabels(ctx, pageId)).map(toLabel);
  }

  @Authorized()
  @Mutation(() => Label, { description: 'Makes a label on one of the viewer\'s bot pages; names are unique on a page.' })
  async createLabel(@Ctx() ctx: Context, @Arg('pageId', () => Int) pageId: number, @Arg('name') name: string): Promise<Label> {
    return toLabel(await createLabel(ctx, pageId, name));
  }

  @Authorized()
  @Mutation(() => Subscriber, { description: 'Gives labels (by labelId) to a subscriber of the page; a label it has stays once.' })
  async assignLabels(
    @Ctx() ctx: Context,
    @Arg('pageId', () => Int) pageId: number,
    @Arg('psid') psid: string,
    @Arg('labelIds', () => [String]) labelIds: string[],
  ): Promise<Subscriber> {
    return toSubscriber(await assignLabels(ctx, pageId, psid, labelIds));
  }

  @Authorized()
  @Mutation(() => Subscriber, { description: 'Takes one label (by labelId) from a subscriber of the page.' })
  async removeLabel(
    @Ctx() ctx: Context,
    @Arg('pageId', () => Int) pageId: number,
    @Arg('psid') psid: string,
    @Arg('labelId') labelId: string,
  ): Promise<Subscriber> {
    return toSubscriber(await removeLabel(ctx, pageId, psid, labelId));
  }

  @FieldResolver(() => [Subscriber], { description: `Subscribers with this label, in the order they were added; at most ${MAX_LABEL_SUBSCRIBERS}.` })
  async subscribers(@Root() label: Label, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 100 }) limit: number): Promise<Subscriber[]> {
    if (limit < 1 || limit > MAX_LABEL_SUBSCRIBERS) throw new BadUserInputError(`limit must be 1 to ${MAX_LABEL_SUBSCRIBERS}`, 'limit');
    return (await ctx.loaders.labelSubscribers.load(labelListKey(label.id, limit))).map(({ for_label_id: _label, ...row }) => toSubscriber(row));
  }
}
