import type { Contact } from './contact.type';
import type { ContactGroup } from './contact-group.type';
import type { ContactGroupRow } from './contact-group.row';
import type { ContactRow } from './contact.row';

export function toContactGroup(row: ContactGroupRow): ContactGroup {
  return { id: row.id, userId: row.user_id, name: row.name, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    userId: row.user_id,
    groupId: row.contact_group_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phoneNumber: row.phone_number,
    notes: row.notes,
    unsubscribed: row.unsubscribed === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
