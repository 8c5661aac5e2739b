import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** Where a user stands with a group. */
export enum GroupMembership {
  NONE = 'none',
  MEMBER = 'member',
  PENDING = 'pending',
}
registerEnumType(GroupMembership, { name: 'GroupMembership', description: 'NONE; MEMBER; PENDING: asked to join a group that needs approval.' });

/** A social group: a handle (`name`), a title, an owner (always a member) and its members. */
@ObjectType({ implements: Node, description: 'A social group.' })
export class Group {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field({ description: 'The handle: 5-32 letters, digits or "_", unique (case-insensitive).' }) name!: string;
  @Field() title!: string;
  @Field() about!: string;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field({ description: "Private (the social API's privacy 0) or public (privacy 1)." }) isPrivate!: boolean;
  @Field({ description: "Joining waits for the owner's approval (the social API's join_privacy 2)." }) joinNeedsApproval!: boolean;
  @Field(() => String, { nullable: true }) avatar!: string | null;
  @Field(() => String, { nullable: true }) cover!: string | null;
  @Field(() => Int, { description: 'Members, the owner included; pending requests are not counted.' }) memberCount!: number;
  @Field(() => Int, { name: 'ownerDatabaseId' }) ownerId!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

export const GroupConnection = connectionType(Group, { description: "A page of groups; the order is the field's." });
