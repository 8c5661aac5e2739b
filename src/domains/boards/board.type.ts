import type { Selectable } from 'kysely';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import type { Boards } from '../../db/schema';
import { Node } from '../../graphql/node';

export type BoardRow = Selectable<Boards>;

/** A community board. Who sees it and who posts in it follow its settings. */
@ObjectType({ implements: Node })
export class Board {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field() boardType!: string;
  @Field(() => String, { nullable: true }) about!: string | null;
  @Field(() => String, { nullable: true }) icon!: string | null;
  @Field({ description: 'Only members see a private board (admins too, once added).' }) isPrivate!: boolean;
  @Field(() => Int, { description: '0 visible to all, 1 to signed-in users, 2 to board members only.' }) hiddenType!: number;
  @Field(() => Int, { description: 'Who may post: 1 admins, 5 admins and moderators, 10 any member.' }) permissionFor!: number;
  @Field({ description: 'New posts wait as APPROVAL_REQUIRED until a moderator approves them.' }) needsApproval!: boolean;
  @Field(() => Int) displayOrder!: number;
  @Field(() => Int) postCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastPostedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export function toBoard(row: BoardRow): Board {
  return {
    id: row.id,
    name: row.board_name,
    boardType: row.board_type,
    about: row.about,
    icon: row.icon,
    isPrivate: row.is_private === 1,
    hiddenType: row.hidden_type,
    permissionFor: row.permission_for,
    needsApproval: row.needs_approval === 1,
    displayOrder: row.display_order,
    postCount: row.post_count,
    lastPostedAt: row.last_posted_at ? new Date(row.last_posted_at) : null,
    createdAt: new Date(row.created_at),
  };
}
