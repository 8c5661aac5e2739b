import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { BoardPostingRole, BoardVisibility } from './board-codes';

/** A community board. Who sees it and who posts in it follow its settings. */
@ObjectType({ implements: Node, description: 'A community board of posts: who sees it and who posts in it follow its settings.' })
export class Board {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field({ description: "The board's kind, a free label (DISCUSSION unless set)." }) kind!: string;
  @Field(() => String, { nullable: true }) about!: string | null;
  @Field(() => String, { nullable: true }) icon!: string | null;
  @Field({ description: 'Only members see a private board (admins too, once added).' }) isPrivate!: boolean;
  @Field(() => BoardVisibility, { description: 'Who sees the board and reads its posts (a private board: its members only).' }) visibility!: BoardVisibility;
  @Field(() => BoardPostingRole, { description: 'The least role that may post.' }) permissionFor!: BoardPostingRole;
  @Field({ description: 'New posts wait as APPROVAL_REQUIRED until a moderator approves them.' }) needsApproval!: boolean;
  @Field(() => Int) displayOrder!: number;
  @Field(() => Int) postCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastPostedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
