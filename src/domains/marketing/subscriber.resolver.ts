import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId, fromOptionalGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, connectionType, toConnection, windowOf } from '../../graphql/connection';
import { toPage } from '../social/places/page.mapper';
import { Page } from '../social/places/page.type';
import { toLabel } from './label.mapper';
import { Label } from './label.type';
import { importSubscribers } from './subscriber.importer';
import { ImportSubscribersInput } from './subscriber.input';
import { toSubscriber } from './subscriber.mapper';
import { findViewerSubscriber, listSubscribers } from './subscriber.service';
import { Subscriber, SubscriberImportResult } from './subscriber.type';
import { MAX_IMPORT_ROWS } from './import-rows';

/** The import checks each row itself, so that a bad row is reported and skipped rather than refusing the call. */
const checkedByTheImport = () => undefined;

export const SubscriberConnection = connectionType(Subscriber, { totalCount: true, description: "A page of a bot page's subscribers, in the order they were added." });

@Resolver(() => Subscriber)
export class SubscriberResolver {
  @Authorized()
  @Query(() => Subscriber, { nullable: true, description: "A subscriber of one of the viewer's bot pages by PSID: on pageId, or on any of them without it." })
  async subscriber(
    @Ctx() ctx: Context,
    @Arg('psid', { description: 'The page-scoped id (digits).' }) psid: string,
    @Arg('pageId', () => ID, { nullable: true, description: 'Look on this bot Page only.' }) pageId: string | null,
  ): Promise<Subscriber | null> {
    const row = await findViewerSubscriber(ctx, psid, fromOptionalGlobalId(pageId, 'Page', 'pageId'));
    return row ? toSubscriber(row) : null;
  }

  @Authorized()
  @Query(() => SubscriberConnection, { description: "Subscribers of one of the viewer's bot pages in the order they were added; with labelId, only those with that label." })
  async subscribers(
    @Ctx() ctx: Context,
    @Arg('pageId', () => ID, { description: 'The bot Page.' }) pageId: string,
    @Arg('labelId', () => String, { nullable: true, description: "A label's public id (Label.labelId)." }) labelId: string | null,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<Subscriber>> {
    const page = fromGlobalId(pageId, 'Page', 'pageId');
    const window = windowOf(args);
    const { rows, count } = await listSubscribers(ctx, page, labelId ?? null, window);
    return toConnection(rows, window, (row) => [row.id], toSubscriber, count);
  }

  @Authorized()
  @Mutation(() => SubscriberImportResult, {
    description:
      `Inserts or updates subscribers of one of the viewer's bot pages by PSID, up to ${MAX_IMPORT_ROWS} rows. ` +
      'Every row is checked first; the valid rows are written in one transaction, the others reported with their index and reason.',
  })
  importSubscribers(@Ctx() ctx: Context, @Arg('input', () => ImportSubscribersInput, { validateFn: checkedByTheImport }) input: ImportSubscribersInput): Promise<SubscriberImportResult> {
    return importSubscribers(ctx, fromGlobalId(input.pageId, 'Page', 'pageId'), input.rows);
  }

  @FieldResolver(() => [Label], { description: "Its labels, in the order they were made (at most the page's labels: 1000)." })
  async labels(@Root() subscriber: Subscriber, @Ctx() ctx: Context): Promise<Label[]> {
    return (await ctx.loaders.subscriberLabels.load(subscriber.id)).map(toLabel);
  }

  @FieldResolver(() => Page)
  async page(@Root() subscriber: Subscriber, @Ctx() ctx: Context): Promise<Page> {
    return toPage((await ctx.loaders.page.load(subscriber.pageId))!);
  }
}
