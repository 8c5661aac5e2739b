import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { CreateAlbumInput } from './album.input';
import { toAlbum, toAlbumMedia } from './album.mapper';
import { createAlbum, listAlbumsOf } from './album.service';
import { Album, AlbumMedia } from './album.type';
import { MAX_CATALOG_PAGE } from './catalog.paging';

@Resolver(() => Album)
export class AlbumResolver {
  @Query(() => [Album], { description: 'A user\'s albums newest first.' })
  async albums(
    @Ctx() ctx: Context,
    @Arg('userId', () => Int) userId: number,
    @Arg('limit', () => Int, { defaultValue: 35, description: `At most ${MAX_CATALOG_PAGE}.` }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true, description: 'Albums with a lower id than this one (the next page).' }) beforeId: number | null,
  ): Promise<Album[]> {
    return (await listAlbumsOf(ctx, userId, limit, beforeId)).map(toAlbum);
  }

  @FieldResolver(() => User)
  async owner(@Root() album: Album, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(album.ownerId))!, ctx.viewer);
  }

  @FieldResolver(() => [AlbumMedia])
  async media(@Root() album: Album, @Ctx() ctx: Context): Promise<AlbumMedia[]> {
    return (await ctx.loaders.albumMedia.load(album.id)).map(toAlbumMedia);
  }

  @Authorized()
  @Mutation(() => Album, { description: 'Creates an album of the viewer with its photos.' })
  async createAlbum(@Ctx() ctx: Context, @Arg('input', () => CreateAlbumInput) input: CreateAlbumInput): Promise<Album> {
    return toAlbum(await createAlbum(ctx, input));
  }
}
