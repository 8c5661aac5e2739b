import { IsIn, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A board; on update, omitted fields stay as they are.' })
export class BoardInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) about?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) icon?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 40) boardType?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() isPrivate?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsIn([0, 1, 2], { message: 'hiddenType must be 0, 1 or 2' }) hiddenType?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsIn([1, 5, 10], { message: 'permissionFor must be 1, 5 or 10' }) permissionFor?: number;
  @Field(() => Boolean, { nullable: true }) @IsOptional() needsApproval?: boolean;
}

@InputType({ description: 'The board to change and its changes; omitted fields stay as they are.' })
export class UpdateBoardInput extends BoardInput {
  @Field(() => ID) boardId!: string;
}

@InputType()
export class BoardOrder {
  @Field(() => ID) boardId!: string;
  @Field(() => Int, { description: 'From 1.' }) displayOrder!: number;
}

@InputType({ description: 'Give (true) or take (false) a user\'s access to a private board.' })
export class BoardMemberChange {
  @Field(() => String, { description: 'The user\'s msid.' }) msid!: string;
  @Field() member!: boolean;
}

@InputType()
export class SetBoardMembersInput {
  @Field(() => ID) boardId!: string;
  @Field(() => [BoardMemberChange]) changes!: BoardMemberChange[];
}
