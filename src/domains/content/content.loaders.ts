import { sql } from 'kysely';
import type { Database } from '../../db/connection';
import { type Columns, columnsOfKeys, selectColumns } from '../../db/columns';
import { byId, grouped, limitedLists, ProjectedLoader, RequestLoader, RowLoader } from '../../graphql/batch';
import type { BoardRow } from '../boards/board.row';
import { hiddenUses } from '../tags/tag.repository';
import type { TagRow } from '../tags/tag.row';
import { ENTITY_STATUS } from './content-status';
import type { CommentRow, PostRow, ReplyRow } from './content.row';

/** The key of a target's tags: `TYPE:id`, and the columns of the tags to read. */
export interface TagsKey {
  ref: string;
  columns: Columns;
}

/** How many comments (or replies) a nested list shows per parent unless `first` says otherwise. */
export const NESTED_LIMIT = 20;

/** The first `limit` active rows under each parent (their `columns`), in one windowed query. */
function firstChildren(db: Database, table: 'comments' | 'replies', parent: string, status: string, parentIds: readonly number[], limit: number, columns: Columns): Promise<unknown[]> {
  return db
    .selectFrom((eb) =>
      selectColumns(eb.selectFrom(table as 'comments'), table as 'comments', columns)
        .select(sql<number>`row_number() over (partition by ${sql.ref(parent)} order by id)`.as('rn'))
        .where(sql.ref(parent), 'in', parentIds)
        .where(sql.ref(status), '=', ENTITY_STATUS.ACTIVE)
        .as('children'),
    )
    .selectAll()
    .where('rn', '<=', limit)
    .execute();
}

/** Loaders of the content domain: posts, comments, replies, boards, tags and reactions. */
export function createContentLoaders(db: Database) {
  return {
    post: new RowLoader<PostRow>((ids, columns) => selectColumns(db.selectFrom('posts'), 'posts', columns).where('id', 'in', ids).execute()),
    comment: new RowLoader<CommentRow>((ids, columns) => selectColumns(db.selectFrom('comments'), 'comments', columns).where('id', 'in', ids).execute()),
    reply: new RowLoader<ReplyRow>((ids, columns) => selectColumns(db.selectFrom('replies'), 'replies', columns).where('id', 'in', ids).execute()),
    board: byId<BoardRow>((ids) => db.selectFrom('boards').selectAll().where('id', 'in', ids).execute()),
    /** Every board, read once a request: the visibility rule picks the ones the viewer may not read. */
    allBoards: new RequestLoader<'all', BoardRow[]>(async (keys) => {
      const rows = await db.selectFrom('boards').selectAll().execute();
      return keys.map(() => rows);
    }),
    /**
     * How many of a tag's mappings are in the given hidden boards. A request has one viewer, so every
     * key of a batch names the same boards (they are in the cache key all the same).
     */
    hiddenTagUses: new RequestLoader<{ tagId: number; hiddenBoardIds: readonly number[] }, number, string>(
      async (keys) => {
        const uses = await hiddenUses(db, keys.map((key) => key.tagId), keys[0].hiddenBoardIds);
        return keys.map((key) => uses.get(key.tagId) ?? 0);
      },
      { cacheKeyFn: (key) => `${key.hiddenBoardIds.join(',')}:${key.tagId}` },
    ),
    /** The first active comments of each post, oldest first, keyed `postId:limit`. */
    commentsByPost: limitedLists(
      async (postIds, limit, columns) => (await firstChildren(db, 'comments', 'post_id', 'comment_status', postIds, limit, columns)) as CommentRow[],
      (row) => row.post_id,
    ),
    /** The first active replies of each comment, oldest first, keyed `commentId:limit`. */
    repliesByComment: limitedLists(
      async (commentIds, limit, columns) => (await firstChildren(db, 'replies', 'comment_id', 'status', commentIds, limit, columns)) as ReplyRow[],
      (row) => row.comment_id,
    ),
    /** Tags mapped to a target (`ref` is `TYPE:id`), by name: their `columns` (every column for null). */
    tagsByRef: new ProjectedLoader<TagsKey, TagRow[]>(async (keys) => {
      const idsByType = new Map<string, number[]>();
      for (const [type, id] of keys.map((key) => key.ref.split(':'))) idsByType.set(type, [...(idsByType.get(type) ?? []), Number(id)]);
      const columns = columnsOfKeys(keys);
      const rows = (await selectColumns(db.selectFrom('tag_mappings').innerJoin('tags', 'tags.id', 'tag_mappings.tag_id'), 'tags', columns)
        .select(['tag_mappings.ref_type', 'tag_mappings.ref_id'])
        .where((eb) => eb.or([...idsByType].map(([type, ids]) => eb.and([eb('tag_mappings.ref_type', '=', type), eb('tag_mappings.ref_id', 'in', ids)]))))
        .orderBy('tags.name')
        .execute()) as (TagRow & { ref_type: string; ref_id: number })[];
      return grouped(keys.map((key) => key.ref), rows, (row) => `${row.ref_type}:${row.ref_id}`);
    }, (key) => key.ref),
    /** Pinned post ids per board, in pin order. */
    pinnedByBoard: new RequestLoader<number, number[]>(async (boardIds) => {
      const rows = await db
        .selectFrom('posts')
        .select(['id', 'board_id'])
        .where('board_id', 'in', boardIds)
        .where('pinned_at', 'is not', null)
        .orderBy('pinned_at')
        .execute();
      return grouped(boardIds, rows, (row) => row.board_id as number).map((group) => group.map((row) => row.id));
    }),
    /** The boards a user is a member of. */
    memberBoards: new RequestLoader<number, Set<number>>(async (userIds) => {
      const rows = await db.selectFrom('board_members').select(['board_id', 'user_id']).where('user_id', 'in', userIds).execute();
      return grouped(userIds, rows, (row) => row.user_id).map((group) => new Set(group.map((row) => row.board_id)));
    }),
    /** Ids of users who reacted to a target in a slot, keyed `TYPE:id:slot`, latest first. */
    reactorIds: new RequestLoader<string, number[]>(async (keys) => {
      const refs = keys.map((key) => key.split(':'));
      const rows = await db
        .selectFrom('reactions')
        .select(['user_id', 'ref_type', 'ref_id', 'slot'])
        .where((eb) => eb.or(refs.map(([type, id, slot]) => eb.and([eb('ref_type', '=', type), eb('ref_id', '=', Number(id)), eb('slot', '=', Number(slot))]))))
        .orderBy('id', 'desc')
        .execute();
      return grouped(keys, rows, (row) => `${row.ref_type}:${row.ref_id}:${row.slot}`).map((group) => group.slice(0, 100).map((row) => row.user_id));
    }),
    /** A user's reaction slot on a target, keyed `userId:TYPE:id`; null when none. */
    reactionSlot: new RequestLoader<string, number | null>(async (keys) => {
      const refs = keys.map((key) => key.split(':'));
      const rows = await db
        .selectFrom('reactions')
        .select(['user_id', 'ref_type', 'ref_id', 'slot'])
        .where((eb) =>
          eb.or(refs.map(([user, type, id]) => eb.and([eb('user_id', '=', Number(user)), eb('ref_type', '=', type), eb('ref_id', '=', Number(id))]))),
        )
        .execute();
      const slots = new Map(rows.map((row) => [`${row.user_id}:${row.ref_type}:${row.ref_id}`, row.slot]));
      return keys.map((key) => slots.get(key) ?? null);
    }),
  };
}
