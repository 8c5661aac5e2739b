import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { nullIfNotFound } from '../../errors';
import { fromGlobalId } from '../../graphql/node';
import { type Connection, connectionType, OffsetConnectionArgs, windowOf } from '../../graphql/connection';
import { visibleBoard } from '../content/content-access';
import { connectionFromSortedList } from '../content/list-window';
import { BoardOrder, CreateBoardInput, SetBoardMembersInput, UpdateBoardInput } from './board.input';
import { createBoard, listBoards, reorderBoards, setBoardMembers, updateBoard } from './board.service';
import { Board } from './board.type';
import { toBoard } from './board.mapper';

export const BoardConnection = connectionType(Board, { totalCount: true, description: 'A page of boards, by display order.' });

@Resolver(() => Board)
export class BoardResolver {
  @Query(() => Board, { nullable: true, description: 'A board the viewer may see.' })
  async board(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Board | null> {
    const row = await nullIfNotFound(visibleBoard(ctx, fromGlobalId(id, 'Board')));
    return row ? toBoard(row) : null;
  }

  @Query(() => BoardConnection, { description: 'Boards the viewer may see, by display order (then id).' })
  async boards(@Ctx() ctx: Context, @Args(() => OffsetConnectionArgs) args: OffsetConnectionArgs): Promise<Connection<Board>> {
    const window = windowOf(args, ['number', 'number']);
    return connectionFromSortedList(await listBoards(ctx), window, (row) => [row.display_order, row.id], toBoard);
  }

  @FieldResolver(() => [Int], { description: "The pinned posts' database numbers, in pin order (the oldest pin first)." })
  pinnedPostDatabaseIds(@Root() board: Board, @Ctx() ctx: Context): Promise<number[]> {
    return ctx.loaders.pinnedByBoard.load(board.id);
  }

  @Authorized('ADMIN')
  @Mutation(() => Board, { description: 'Creates a board, last in display order (admins).' })
  async createBoard(@Ctx() ctx: Context, @Arg('input', () => CreateBoardInput) input: CreateBoardInput): Promise<Board> {
    return toBoard(await createBoard(ctx, input));
  }

  @Authorized('ADMIN')
  @Mutation(() => Board, { description: "Changes a board's name or settings (admins)." })
  async updateBoard(@Ctx() ctx: Context, @Arg('input', () => UpdateBoardInput) input: UpdateBoardInput): Promise<Board> {
    const { boardId, ...changes } = input;
    return toBoard(await updateBoard(ctx, fromGlobalId(boardId, 'Board', 'boardId'), changes));
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: "Sets boards' display order (from 1)." })
  reorderBoards(@Ctx() ctx: Context, @Arg('orders', () => [BoardOrder]) orders: BoardOrder[]): Promise<boolean> {
    return reorderBoards(
      ctx,
      orders.map((order, i) => ({ boardId: fromGlobalId(order.boardId, 'Board', `orders.${i}.boardId`), displayOrder: order.displayOrder })),
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: "Gives or takes users' access to a private board." })
  setBoardMembers(@Ctx() ctx: Context, @Arg('input', () => SetBoardMembersInput) input: SetBoardMembersInput): Promise<boolean> {
    return setBoardMembers(ctx, fromGlobalId(input.boardId, 'Board', 'boardId'), input.changes);
  }
}
