import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { AssignLabelsInput, CreateLabelInput, RemoveLabelInput } from './label.input';
import { toPage } from '../social/places/page.mapper';
import { Page } from '../social/places/page.type';
import { toLabel } from './label.mapper';
import { assignLabels, createLabel, MAX_LABELS_PER_PAGE, pageLabels, removeLabel } from './label.service';
import { Label } from './label.type';
import { windowedListKey } from '../../graphql/windowed-lists';
import { toSubscriber } from './subscriber.mapper';
import { SubscriberConnection } from './subscriber.resolver';
import { Subscriber } from './subscriber.type';

const pageNumber = (pageId: string) => fromGlobalId(pageId, 'Page', 'pageId');

@Resolver(() => Label)
export class LabelResolver {
  @Authorized()
  @Query(() => [Label], { description: `The labels of one of the viewer's bot pages, in the order they were made: at most ${MAX_LABELS_PER_PAGE} (a page's bound).` })
  async labels(@Ctx() ctx: Context, @Arg('pageId', () => ID, { description: 'The bot Page.' }) pageId: string): Promise<Label[]> {
    return (await pageLabels(ctx, pageNumber(pageId))).map(toLabel);
  }

  @Authorized()
  @Mutation(() => Label, { description: `Makes a label on one of the viewer's bot pages; names are unique on a page, and a page has at most ${MAX_LABELS_PER_PAGE} labels (CONFLICT past it).` })
  async createLabel(@Ctx() ctx: Context, @Arg('input', () => CreateLabelInput) input: CreateLabelInput): Promise<Label> {
    return toLabel(await createLabel(ctx, pageNumber(input.pageId), input.name));
  }

  @Authorized()
  @Mutation(() => Subscriber, { description: 'Gives labels (by labelId) to a subscriber of the page; a label it has stays once.' })
  async assignLabels(@Ctx() ctx: Context, @Arg('input', () => AssignLabelsInput) input: AssignLabelsInput): Promise<Subscriber> {
    return toSubscriber(await assignLabels(ctx, pageNumber(input.pageId), input.psid, input.labelIds));
  }

  @Authorized()
  @Mutation(() => Subscriber, { description: 'Takes one label (by labelId) from a subscriber of the page.' })
  async removeLabel(@Ctx() ctx: Context, @Arg('input', () => RemoveLabelInput) input: RemoveLabelInput): Promise<Subscriber> {
    return toSubscriber(await removeLabel(ctx, pageNumber(input.pageId), input.psid, input.labelId));
  }

  @FieldResolver(() => Page, { description: 'The bot page it belongs to.' })
  async page(@Root() label: Label, @Ctx() ctx: Context): Promise<Page> {
    return toPage((await ctx.loaders.page.load(label.pageId))!);
  }

  @FieldResolver(() => SubscriberConnection, { description: 'Subscribers with this label, in the order they were added.' })
  async subscribers(@Root() label: Label, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<Subscriber>> {
    const window = windowOf(args);
    const rows = await ctx.loaders.labelSubscribers.load(windowedListKey(label.id, window));
    return toConnection(
      rows,
      window,
      (row) => [row.id],
      ({ for_label_id: _label, ...row }) => toSubscriber(row),
      () => ctx.loaders.labelSubscriberCount.load(label.id),
    );
  }
}
