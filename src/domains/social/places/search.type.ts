import { ObjectType } from 'type-graphql';
import { connectionType } from '../../../graphql/connection';
import { User } from '../../users/user.type';
import { Group } from './group.type';
import { Page } from './page.type';

/** What a search finds: users, pages and groups, each list a connection, newest (highest id) first. */
@ObjectType({ description: 'What a search finds: users, pages and groups whose names contain the text, each list newest (highest id) first.' })
export class SearchResult {
  /** The LIKE pattern of the text, the gender filter and the viewer, read by the lists' resolvers. */
  pattern!: string;
  gender!: string | null;
  viewerId!: number | null;
}

export const SearchUserConnection = connectionType(User, { name: 'SearchUser', description: 'A page of the users a search found, highest id first.' });
export const SearchPageConnection = connectionType(Page, { name: 'SearchPage', description: 'A page of the pages a search found, highest id first.' });
export const SearchGroupConnection = connectionType(Group, { name: 'SearchGroup', description: 'A page of the groups a search found, highest id first.' });
