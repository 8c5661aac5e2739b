import { IsOptional, Length, MaxLength } from '../../graphql/validators';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BoardPostingRole, BoardVisibility } from './board-codes';

@InputType({ description: 'A new board: its name (required) and settings; omitted settings default to a public DISCUSSION board everyone sees and members post in.' })
export class CreateBoardInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) about?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) icon?: string | null;
  @Field(() => String, { nullable: true, description: "The board's kind, a free label." }) @IsOptional() @Length(1, 40) kind?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() isPrivate?: boolean;
  @Field(() => BoardVisibility, { nullable: true }) @IsOptional() visibility?: BoardVisibility;
  @Field(() => BoardPostingRole, { nullable: true, description: 'The least role that may post.' }) @IsOptional() permissionFor?: BoardPostingRole;
  @Field(() => Boolean, { nullable: true }) @IsOptional() needsApproval?: boolean;
}

@InputType({ description: 'The board to change and its changes; omitted fields stay as they are.' })
export class UpdateBoardInput extends CreateBoardInput {
  @Field(() => ID) boardId!: string;
}

@InputType({ description: 'A board and its place in the board list.' })
export class BoardOrder {
  @Field(() => ID) boardId!: string;
  @Field(() => Int, { description: 'From 1.' }) displayOrder!: number;
}

@InputType({ description: "Give (true) or take (false) a user's access to a private board." })
export class BoardMemberChange {
  @Field(() => String, { description: "The user's msid." }) msid!: string;
  @Field() member!: boolean;
}

@InputType({ description: 'A private board and the users to give or take access to it.' })
export class SetBoardMembersInput {
  @Field(() => ID) boardId!: string;
  @Field(() => [BoardMemberChange]) changes!: BoardMemberChange[];
}
