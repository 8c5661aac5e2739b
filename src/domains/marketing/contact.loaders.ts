import type { Database } from '../../db/connection';
import type { Window } from '../../db/keyset';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import type { ContactGroupRow, ContactRow } from './contact.mapper';
import { contactsOfGroups, countContactsByGroups, findLiveContactsByIds } from './contact.repository';
import { findLiveGroupsByIds } from './contact-group.repository';

/** The key of a group's contact list loader: which group and which window. */
export const groupContactsKey = (groupId: number, window: Window) => `${groupId}:${JSON.stringify(window)}`;

/** Per-request loaders of contact groups and contacts (live ones only; callers check the owner). */
export function createContactLoaderSet(db: Database) {
  return {
    contactGroup: byId<ContactGroupRow>((ids) => findLiveGroupsByIds(db, ids)),
    contact: byId<ContactRow>((ids) => findLiveContactsByIds(db, ids)),
    /** Keyed `groupId:window`: one statement per distinct window in a batch (usually one). */
    groupContacts: new RequestLoader<string, ContactRow[]>(async (keys) => {
      const groupsByWindow = new Map<string, number[]>();
      for (const key of keys) {
        const colon = key.indexOf(':');
        const windowKey = key.slice(colon + 1);
        groupsByWindow.set(windowKey, [...(groupsByWindow.get(windowKey) ?? []), Number(key.slice(0, colon))]);
      }
      const lists = new Map<string, ContactRow[]>();
      for (const [windowKey, groupIds] of groupsByWindow) {
        const window = JSON.parse(windowKey) as Window;
        const rows = await contactsOfGroups(db, groupIds, window);
        grouped(groupIds, rows, (row) => row.contact_group_id).forEach((list, i) => lists.set(groupContactsKey(groupIds[i], window), list));
      }
      return keys.map((key) => lists.get(key) ?? []);
    }),
    groupContactCount: new RequestLoader<number, number>(async (groupIds) => {
      const counts = await countContactsByGroups(db, groupIds);
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
