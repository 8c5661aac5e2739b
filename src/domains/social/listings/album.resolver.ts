import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import type { Context } from '../../../graphql/context.types';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreateAlbumInput, MAX_ALBUM_MEDIA } from './album.input';
import { toAlbum, toAlbumMedia } from './album.mapper';
import { createAlbum, listAlbumsOf } from './album.service';
import { Album, AlbumConnection, AlbumMedia } from './album.type';

@Resolver(() => Album)
export class AlbumResolver {
  @Query(() => AlbumConnection, { description: "A user's albums newest first; 20 a page by default." })
  async albums(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Album>> {
    const window = windowOf(args);
    return toConnection(await listAlbumsOf(ctx, fromGlobalId(userId, 'User', 'userId'), window), window, (row) => [row.id], toAlbum);
  }

  @FieldResolver(() => User)
  async owner(@Root() album: Album, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(album.ownerId))!, ctx.viewer);
  }

  @FieldResolver(() => [AlbumMedia], { description: `The album's photos in upload order (an album is made with at most ${MAX_ALBUM_MEDIA}, and gets none later).` })
  async media(@Root() album: Album, @Ctx() ctx: Context): Promise<AlbumMedia[]> {
    return (await ctx.loaders.albumMedia.load(album.id)).map(toAlbumMedia);
  }

  @Authorized()
  @Mutation(() => Album, { description: 'Creates an album of the viewer with its photos.' })
  async createAlbum(@Ctx() ctx: Context, @Arg('input', () => CreateAlbumInput) input: CreateAlbumInput): Promise<Album> {
    return toAlbum(await createAlbum(ctx, input));
  }
}
