import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import type { ContactGroupRow, ContactRow } from './contact.mapper';
import { contactsOfGroups, countContactsByGroups, findLiveContactsByIds } from './contact.repository';
import { findLiveGroupsByIds } from './contact-group.repository';

/** The key of a group's contact list loader: which group and how many contacts. */
export const groupContactsKey = (groupId: number, limit: number) => `${groupId}:${limit}`;

/** Per-request loaders of contact groups and contacts (live ones only; callers check the owner). */
export function createContactLoaderSet(db: Database) {
  return {
    contactGroup: byId<ContactGroupRow>((ids) => findLiveGroupsByIds(db, ids)),
    contact: byId<ContactRow>((ids) => findLiveContactsByIds(db, ids)),
    /** Keyed `groupId:limit`: one statement per distinct limit in a batch. */
    groupContacts: new RequestLoader<string, ContactRow[]>(async (keys) => {
      const groupsByLimit = new Map<number, number[]>();
      for (const key of keys) {
        const [groupId, limit] = key.split(':').map(Number);
        groupsByLimit.set(limit, [...(groupsByLimit.get(limit) ?? []), groupId]);
      }
      const lists = new Map<string, ContactRow[]>();
      for (const [limit, groupIds] of groupsByLimit) {
        const rows = await contactsOfGroups(db, groupIds, limit);
        grouped(groupIds, rows, (row) => row.contact_group_id).forEach((list, i) => lists.set(groupContactsKey(groupIds[i], limit), list));
      }
      return keys.map((key) => lists.get(key) ?? []);
    }),
    groupContactCount: new RequestLoader<number, number>(async (groupIds) => {
      const counts = await countContactsByGroups(db, groupIds);
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
