import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toPage } from '../social/page.mapper';
import { Page } from '../social/page.type';
import { toLabel } from './label.mapper';
import { Label } from './label.type';
import { importSubscribers, MAX_IMPORT_ROWS } from './subscriber.import';
import { SubscriberImportRow } from './subscriber.input';
import { toSubscriber } from './subscriber.mapper';
import { findViewerSubscriber, listSubscribers, MAX_SUBSCRIBER_PAGE } from './subscriber.service';
import { Subscriber, SubscriberImportResult } from './subscriber.type';

/** The import checks each row itself, so that a bad row is reported and skipped rather than refusing the call. */
const checkedByTheImport = () => undefined;

@Resolver(() => Subscriber)
export class SubscriberResolver {
  @Authorized()
  @Query(() => Subscriber, { nullable: true, description: 'A subscriber of one of the viewer\'s bot pages by PSID: on pageId, or on any of them without it.' })
  async subscriber(
    @Ctx() ctx: Context,
    @Arg('psid') psid: string,
    @Arg('pageId', () => Int, { nullable: true }) pageId: number | null,
  ): Promise<Subscriber | null> {
    const row = await findViewerSubscriber(ctx, psid, pageId ?? null);
    return row ? toSubscriber(row) : null;
  }

  @Authorized()
  @Query(() => [Subscriber], { description: 'Subscribers of one of the viewer\'s bot pages in the order they were added; with labelId, only those with that label.' })
  async subscribers(
    @Ctx() ctx: Context,
    @Arg('pageId', () => Int) pageId: number,
    @Arg('labelId', () => String, { nullable: true, description: 'A label\'s public id (Label.labelId).' }) labelId: string | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: `At most ${MAX_SUBSCRIBER_PAGE}.` }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<Subscriber[]> {
    return (await listSubscribers(ctx, pageId, labelId ?? null, limit, offset)).map(toSubscriber);
  }

  @Authorized()
  @Mutation(() => SubscriberImportResult, {
    description: `Inserts or updates subscribers of one of the viewer's bot pages by PSID, up to ${MAX_IMPORT_ROWS} rows. `
      + 'Every row is checked first; the valid rows are written in one transaction, the others reported with their index and reason.',
  })
  importSubscribers(
    @Ctx() ctx: Context,
    @Arg('pageId', () => Int) pageId: number,
    @Arg('rows', () => [SubscriberImportRow], { validateFn: checkedByTheImport }) rows: SubscriberImportRow[],
  ): Promise<SubscriberImportResult> {
    return importSubscribers(ctx, pageId, rows);
  }

  @FieldResolver(() => [Label], { description: 'Its labels, in the order they were made.' })
  async labels(@Root() subscriber: Subscriber, @Ctx() ctx: Context): Promise<Label[]> {
    return (await ctx.loaders.subscriberLabels.load(subscriber.id)).map(toLabel);
  }

  @FieldResolver(() => Page)
  async page(@Root() subscriber: Subscriber, @Ctx() ctx: Context): Promise<Page> {
    return toPage((await ctx.loaders.page.load(subscriber.pageId))!);
  }
}
