import type { MarketingContactFieldsFragment, MarketingContactGroupFieldsFragment } from '../../generated/operations';
import { sqlDateTime } from './legacy-values';

/** The contact group fields the marketing operations select. */
export const MARKETING_CONTACT_GROUP_FIELDS = /* GraphQL */ `
  fragment MarketingContactGroupFields on ContactGroup { id: databaseId userId: userDatabaseId name createdAt }
`;

/** The contact fields the marketing operations select. */
export const MARKETING_CONTACT_FIELDS = /* GraphQL */ `
  fragment MarketingContactFields on Contact { id: databaseId userId: userDatabaseId groupId: groupDatabaseId firstName lastName email phoneNumber notes unsubscribed }
`;

/** A contact group as get_contact_group shows one: every value a string, the name as `type`. Deleted groups are never read, so `deleted` is "0". */
export function legacyContactGroup(group: MarketingContactGroupFieldsFragment) {
  return {
    id: String(group.id),
    user_id: String(group.userId),
    type: group.name,
    created_at: sqlDateTime(group.createdAt),
    deleted: '0',
  };
}

/** A contact as get_contact shows one: every value a string, a missing email or phone as "". Deleted contacts are never read. */
export function legacyContact(contact: MarketingContactFieldsFragment) {
  return {
    id: String(contact.id),
    user_id: String(contact.userId),
    contact_type_id: String(contact.groupId),
    first_name: contact.firstName,
    last_name: contact.lastName,
    phone_number: contact.phoneNumber ?? '',
    email: contact.email ?? '',
    notes: contact.notes,
    unsubscribed: contact.unsubscribed ? '1' : '0',
    deleted: '0',
  };
}
