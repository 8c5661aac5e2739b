import { Arg, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import { paging } from '../content/post.resolver';
import { SortOrder } from '../users/user.resolver';
import { TagInput } from './tag.input';
import { createTag, listReadableTags, mapTag, readableUseCount, readTag, searchReadableTags, tagsOfTarget, trendingReadableTags, updateTag } from './tag.service';
import { Tag, toTag } from './tag.type';

export enum TagSort {
  ID = 'id',
  NAME = 'name',
}
export enum TagRefType {
  POST = 'POST',
  COMMENT = 'COMMENT',
  REPLY = 'REPLY',
  USER = 'USER',
}
registerEnumType(TagSort, { name: 'TagSort' });
registerEnumType(TagRefType, { name: 'RefType', description: 'What a tag mapping or reaction points at.' });

@ObjectType()
export class TagPage {
  @Field(() => [Tag]) items!: Tag[];
  @Field() hasMore!: boolean;
}

@Resolver(() => Tag)
export class TagResolver {
  @FieldResolver(() => Int, { description: 'How many things carry the tag, of those the viewer may read.' })
  useCount(@Root() tag: Tag, @Ctx() ctx: Context): Promise<number> {
    return readableUseCount(ctx, tag);
  }

  @Query(() => Tag, { nullable: true, description: 'A tag, unless the viewer meets it only on posts they may not read.' })
  async tag(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Tag | null> {
    const row = await readTag(ctx, id);
    return row ? toTag(row) : null;
  }

  @Query(() => TagPage, { description: 'Tags by ids, or all, sorted and paged (unsorted means by id). Tags met only on posts the viewer may not read are left out.' })
  async tags(
    @Ctx() ctx: Context,
    @Arg('ids', () => [Int], { nullable: true }) ids?: number[],
    @Arg('sort', () => TagSort, { nullable: true }) sort?: TagSort,
    @Arg('order', () => SortOrder, { defaultValue: SortOrder.ASC }) order: SortOrder = SortOrder.ASC,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<TagPage> {
    const { limit, offset } = paging(page, pageSize);
    const rows = await listReadableTags(ctx, { ids: ids ?? null, sortByName: sort === TagSort.NAME, order, limit, offset });
    return { items: rows.slice(0, limit).map(toTag), hasMore: rows.length > limit };
  }

  @Query(() => TagPage, { description: 'Tags whose name contains the text, best (prefix) matches first. Tags met only on posts the viewer may not read are left out.' })
  async searchTags(
    @Ctx() ctx: Context,
    @Arg('q') q: string,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<TagPage> {
    const text = q.trim().toLowerCase().replace(/^#/, '');
    if (text.length === 0) throw new BadUserInputError('q must not be empty', 'q');
    const { limit, offset } = paging(page, pageSize);
    const rows = await searchReadableTags(ctx, text, limit, offset);
    return { items: rows.slice(0, limit).map(toTag), hasMore: rows.length > limit };
  }

  @Query(() => [Tag], { description: 'The tags used most in the last `days` days (hashtags in posts, comments, replies), most used first; uses on posts the viewer may not read do not count.' })
  async trendingTags(
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 10 }) limit: number,
    @Arg('days', () => Int, { defaultValue: 7 }) days: number,
  ): Promise<Tag[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new BadUserInputError('limit must be between 1 and 50', 'limit');
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new BadUserInputError('days must be between 1 and 365', 'days');
    const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    return (await trendingReadableTags(ctx, since, limit)).map(toTag);
  }

  @Query(() => TagPage, { description: 'Tags mapped to a post, comment, reply or user; none for a post (or its comment or reply) the viewer may not read.' })
  async tagsOf(
    @Ctx() ctx: Context,
    @Arg('refType', () => TagRefType) refType: TagRefType,
    @Arg('refId', () => Int) refId: number,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<TagPage> {
    const { limit, offset } = paging(page, pageSize);
    const rows = (await tagsOfTarget(ctx, refType, refId)).slice(offset, offset + limit + 1);
    return { items: rows.slice(0, limit).map(toTag), hasMore: rows.length > limit };
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag)
  async createTag(@Ctx() ctx: Context, @Arg('input', () => TagInput) input: TagInput): Promise<Tag> {
    return toTag(await createTag(ctx, input));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag)
  async updateTag(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => TagInput) input: TagInput): Promise<Tag> {
    return toTag(await updateTag(ctx, id, input));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Tag, { description: 'Maps a tag to a post, comment, reply or user.' })
  async mapTag(
    @Ctx() ctx: Context,
    @Arg('tagId', () => Int) tagId: number,
    @Arg('refType', () => TagRefType) refType: TagRefType,
    @Arg('refId', () => Int) refId: number,
  ): Promise<Tag> {
    return toTag(await mapTag(ctx, tagId, refType, refId));
  }
}
