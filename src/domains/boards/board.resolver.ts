import { Arg, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { paging } from '../content/post.resolver';
import { visibleBoard } from '../content/content-access';
import { BoardInput, BoardMemberChange, BoardOrder } from './board.input';
import { createBoard, listBoards, reorderBoards, setBoardMembers, updateBoard } from './board.service';
import { Board, toBoard } from './board.type';

@ObjectType()
export class BoardPage {
  @Field(() => [Board]) items!: Board[];
  @Field() hasMore!: boolean;
}

@Resolver(() => Board)
export class BoardResolver {
  @Query(() => Board, { nullable: true, description: 'A board the viewer may see.' })
  async board(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Board | null> {
    const row = await nullIfNotFound(visibleBoard(ctx, id));
    return row ? toBoard(row) : null;
  }

  @Query(() => BoardPage, { description: 'Boards the viewer may see, by display order.' })
  async boards(
    @Ctx() ctx: Context,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<BoardPage> {
    const { limit, offset } = paging(page, pageSize);
    const rows = await listBoards(ctx, limit, offset);
    return { items: rows.slice(0, limit).map(toBoard), hasMore: rows.length > limit };
  }

  @FieldResolver(() => [Int], { description: 'Pinned post ids, in pin order.' })
  pinnedPostIds(@Root() board: Board, @Ctx() ctx: Context): Promise<number[]> {
    return ctx.loaders.pinnedByBoard.load(board.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => Board)
  async createBoard(@Ctx() ctx: Context, @Arg('input', () => BoardInput) input: BoardInput): Promise<Board> {
    return toBoard(await createBoard(ctx, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Board)
  async updateBoard(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => BoardInput) input: BoardInput): Promise<Board> {
    return toBoard(await updateBoard(ctx, id, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'Sets boards\' display order (from 1).' })
  reorderBoards(@Ctx() ctx: Context, @Arg('orders', () => [BoardOrder]) orders: BoardOrder[]): Promise<boolean> {
    return reorderBoards(ctx, orders);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'Gives or takes users\' access to a private board.' })
  setBoardMembers(
    @Ctx() ctx: Context,
    @Arg('boardId', () => Int) boardId: number,
    @Arg('changes', () => [BoardMemberChange]) changes: BoardMemberChange[],
  ): Promise<boolean> {
    return setBoardMembers(ctx, boardId, changes);
  }
}
