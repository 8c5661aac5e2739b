import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { IsIn, IsOptional, Max, MaxLength, Min } from '../../../graphql/validators';
import { PageInfo } from '../../../graphql/connection';
import { Presence, User } from '../../users/user.type';

@InputType({ description: 'Who to look for near a point: within a distance, by gender, name and presence.' })
export class NearbyUsersFilter {
  @Field(() => Float, { nullable: true, description: "Where to search from; with lng. Default: the viewer's stored position." })
  @IsOptional()
  @Min(-90)
  @Max(90)
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-180)
  @Max(180)
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'At most this many kilometres away. Default: any distance.' })
  @IsOptional()
  @Min(0.001)
  @Max(20_040)
  distance?: number | null;

  @Field(() => String, { nullable: true, description: 'male or female.' })
  @IsOptional()
  @IsIn(['male', 'female'])
  gender?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the username, first or last name.' })
  @IsOptional()
  @MaxLength(100)
  keyword?: string | null;

  @Field(() => Presence, { nullable: true }) presence?: Presence | null;
}

/** A user near the search point with its distance: what the nearby list reads before it becomes a page. */
export interface NearbyUser {
  user: User;
  distance: number;
}

/**
 * The nearby list's edge: the user is the node (a Node, as Relay wants), the distance from the search
 * point belongs to the edge (it says how the user relates to the search, not what the user is).
 * Written out rather than made with connectionType, which has no fields beside cursor and node.
 */
@ObjectType({ description: 'A User near the search point, with its cursor and its distance from the point.' })
export class NearbyUserEdge {
  @Field({ description: 'Pass it as after or before to page from this item.' }) cursor!: string;
  @Field(() => User) node!: User;
  @Field(() => Float, { description: 'Kilometres from the search point (great-circle).' }) distance!: number;
}

@ObjectType({ description: 'A page of users near a point, nearest first (by the distance in whole metres, then id); the distances are on the edges.' })
export class NearbyUserConnection {
  @Field(() => [NearbyUserEdge]) edges!: NearbyUserEdge[];
  @Field(() => [User], { description: "The edges' nodes, for clients that need no cursors (nor distances)." }) nodes!: User[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: "The viewer's stored position." })
export class ViewerLocation {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
}

@InputType({ description: "A position to store as the viewer's." })
export class SetLocationInput {
  @Field(() => Float, { description: '-90 to 90.' }) lat!: number;
  @Field(() => Float, { description: '-180 to 180.' }) lng!: number;
}

@ObjectType({ description: 'People the viewer might follow (at most 100, as suggestions(first:) asks), and the users among their contacts.' })
export class UserSuggestions {
  @Field(() => [User], { description: 'Not followed or requested yet, not blocked either way: friends of friends first (most shared follows), then the most followed.' })
  people!: User[];

  @Field(() => [User], { description: 'Users whose phone number matches one of the contacts (digits compared).' })
  contacts!: User[];
}
