import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.type';
import { Group } from './group.type';
import { Page } from './page.type';

/** What a search finds: users, pages and groups, each newest (highest id) first. */
@ObjectType()
export class SearchResult {
  @Field(() => [User]) users!: User[];
  @Field(() => [Page]) pages!: Page[];
  @Field(() => [Group]) groups!: Group[];
}
