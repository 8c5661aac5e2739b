import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../../graphql/connection';
import { User } from '../../users/user.type';

/** Where the viewer stands towards a user: what followUser answers, and what followStatus reads. */
export enum FollowStatus {
  FOLLOWED = 'followed',
  UNFOLLOWED = 'unfollowed',
  REQUESTED = 'requested',
}
registerEnumType(FollowStatus, {
  name: 'FollowStatus',
  description: 'FOLLOWED: the viewer follows the user. REQUESTED: the user approves followers and has a pending request. UNFOLLOWED: neither.',
});

/** The lists of users of the social graph: followers, followed users, follow requests, blocked users. */
export const GraphUserConnection = connectionType(User, {
  name: 'GraphUser',
  totalCount: true,
  description: 'A page of users of the social graph (followers, followed users, follow requests, blocked users), newest relation first.',
});

@InputType({ description: 'Accepts or declines a pending request to follow the viewer.' })
export class RespondToFollowRequestInput {
  @Field(() => ID, { description: 'The user who asked to follow the viewer.' }) userId!: string;
  @Field({ description: 'true: they become a follower; false: the request is deleted.' }) accept!: boolean;
}
