import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError } from '../../errors';
import { fromGlobalId, fromGlobalIds, parseGlobalId } from '../../graphql/node';
import { type Connection, connectionType, OffsetConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import type { RefType } from '../content/content-status';
import { connectionFromSortedList } from '../content/list-window';
import { CreateTagInput, MapTagInput, TagOrder, TagsFilter, UpdateTagInput } from './tag.input';
import { createTag, listReadableTags, mapTag, readableUseCount, readTag, searchReadableTags, tagsOfTarget, trendingReadableTags, updateTag } from './tag.service';
import { Tag } from './tag.type';
import { toTag } from './tag.mapper';

export const TagConnection = connectionType(Tag, { description: 'A page of tags.' });

/** The ref type a tag mapping stores for each Node type a tag goes on. */
const REF_TYPE_OF: Record<string, RefType> = { Post: 'POST', Comment: 'COMMENT', Reply: 'REPLY', User: 'USER' };

/** What a global id names a tag on: a Post, Comment, Reply or User; BAD_USER_INPUT otherwise. */
function tagTarget(id: string, field: string): { refType: RefType; refId: number } {
  const parsed = parseGlobalId(id);
  const refType = parsed ? REF_TYPE_OF[parsed.type] : undefined;
  if (!parsed || !refType) throw new BadUserInputError(`${field} is not the id of a Post, Comment, Reply or User`, field);
  return { refType, refId: parsed.id };
}

@Resolver(() => Tag)
export class TagResolver {
  @FieldResolver(() => Int, { description: 'How many things carry the tag, of those the viewer may read.' })
  useCount(@Root() tag: Tag, @Ctx() ctx: Context): Promise<number> {
    return readableUseCount(ctx, tag);
  }

  @Query(() => Tag, { nullable: true, description: 'A tag, unless the viewer meets it only on posts they may not read.' })
  async tag(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Tag | null> {
    const row = await readTag(ctx, fromGlobalId(id, 'Tag'));
    return row ? toTag(row) : null;
  }

  @Query(() => TagConnection, { description: "Tags (all, or the filter's), by id unless orderBy says otherwise. Tags met only on posts the viewer may not read are left out." })
  async tags(
    @Ctx() ctx: Context,
    @Args(() => OffsetConnectionArgs) args: OffsetConnectionArgs,
    @Arg('filter', () => TagsFilter, { nullable: true }) filter?: TagsFilter,
    @Arg('orderBy', () => TagOrder, { defaultValue: TagOrder.ID_ASC }) orderBy: TagOrder = TagOrder.ID_ASC,
  ): Promise<Connection<Tag>> {
    const ids = filter?.ids ? fromGlobalIds(filter.ids, 'Tag', 'filter.ids') : null;
    const byName = orderBy === TagOrder.NAME_ASC || orderBy === TagOrder.NAME_DESC;
    const order = orderBy === TagOrder.ID_DESC || orderBy === TagOrder.NAME_DESC ? 'desc' : 'asc';
    const window = windowOf(args, byName ? ['string', 'number'] : ['number']);
    const rows = await listReadableTags(ctx, { ids, sortByName: byName, order, window });
    return toConnection(rows, window, (row) => (byName ? [row.name, row.id] : [row.id]), toTag);
  }

  @Query(() => TagConnection, { description: 'Tags whose name contains the text, prefix matches first, then by name. Tags met only on posts the viewer may not read are left out.' })
  async searchTags(@Ctx() ctx: Context, @Arg('q') q: string, @Args(() => OffsetConnectionArgs) args: OffsetConnectionArgs): Promise<Connection<Tag>> {
    const text = q.trim().toLowerCase().replace(/^#/, '');
    if (text.length === 0) throw new BadUserInputError('q must not be empty', 'q');
    const window = windowOf(args, ['number', 'string']);
    const rows = await searchReadableTags(ctx, text, window);
    return toConnection(rows, window, (row) => [Number(row.rank), row.name], toTag);
  }

  @Query(() => [Tag], {
    description: 'The tags used most in the last `days` days (hashtags in posts, comments, replies), most used first, at most 50; uses on posts the viewer may not read do not count.',
  })
  async trendingTags(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many, 1 to 50.' }) first: number,
    @Arg('days', () => Int, { defaultValue: 7 }) days: number,
  ): Promise<Tag[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw new BadUserInputError('first must be between 1 and 50', 'first');
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new BadUserInputError('days must be between 1 and 365', 'days');
    const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    return (await trendingReadableTags(ctx, since, first)).map(toTag);
  }

  @Query(() => TagConnection, { description: 'Tags mapped to a Post, Comment, Reply or User, by name; none for a post (or its comment or reply) the viewer may not read.' })
  async tagsOf(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Args(() => OffsetConnectionArgs) args: OffsetConnectionArgs): Promise<Connection<Tag>> {
    const { refType, refId } = tagTarget(id, 'id');
    const window = windowOf(args, ['string', 'number']);
    return connectionFromSortedList(await tagsOfTarget(ctx, refType, refId), window, (row) => [row.name, row.id], toTag);
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag, { description: 'Creates a tag (moderators and admins); CONFLICT when its name is taken.' })
  async createTag(@Ctx() ctx: Context, @Arg('input', () => CreateTagInput) input: CreateTagInput): Promise<Tag> {
    return toTag(await createTag(ctx, input));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag, { description: 'Renames a tag and changes the fields given (moderators and admins); CONFLICT when the new name is taken.' })
  async updateTag(@Ctx() ctx: Context, @Arg('input', () => UpdateTagInput) input: UpdateTagInput): Promise<Tag> {
    const { tagId, ...fields } = input;
    return toTag(await updateTag(ctx, fromGlobalId(tagId, 'Tag', 'tagId'), fields));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag, { description: 'Maps a tag to a post, comment, reply or user.' })
  async mapTag(@Ctx() ctx: Context, @Arg('input', () => MapTagInput) input: MapTagInput): Promise<Tag> {
    const { refType, refId } = tagTarget(input.targetId, 'targetId');
    return toTag(await mapTag(ctx, fromGlobalId(input.tagId, 'Tag', 'tagId'), refType, refId));
  }
}
