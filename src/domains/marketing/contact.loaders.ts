import type { Database } from '../../db/connection';
import { RequestLoader, byId } from '../../graphql/batch';
import type { ContactGroupRow } from './contact-group.row';
import { contactsOfGroups, countContactsByGroups, findLiveContactsByIds } from './contact.repository';
import { findLiveGroupsByIds } from './contact-group.repository';
import { windowedLists } from '../../graphql/windowed-lists';
import type { ContactRow } from './contact.row';

/** Per-request loaders of contact groups and contacts (live ones only; callers check the owner). */
export function createContactLoaders(db: Database) {
  return {
    contactGroup: byId<ContactGroupRow>((ids) => findLiveGroupsByIds(db, ids)),
    contact: byId<ContactRow>((ids) => findLiveContactsByIds(db, ids)),
    /** Keyed by `windowedListKey(groupId, window)`: one statement per distinct window in a batch. */
    groupContacts: windowedLists<ContactRow>(
      (groupIds, window) => contactsOfGroups(db, groupIds, window),
      (row) => row.contact_group_id,
    ),
    groupContactCount: new RequestLoader<number, number>(async (groupIds) => {
      const counts = await countContactsByGroups(db, groupIds);
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
