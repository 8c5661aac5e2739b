import type { MarketingCreateContactGroupMutation, MarketingCreateContactMutation, MarketingGetContactGroupQuery, MarketingGetContactQuery } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { globalIdOf } from './ids';
import { legacyContact, legacyContactGroup, MARKETING_CONTACT_FIELDS, MARKETING_CONTACT_GROUP_FIELDS } from './contact.shape';

const GROUP_ID_REQUIRED = 'The contact type ID is required';
const GROUP_MISSING = 'The contact type ID does not exist';
const NAME_REQUIRED = 'The contact type name is required';
const CONTACT_ID_REQUIRED = 'The contact ID is required';
const CONTACT_MISSING = 'The contact ID does not exist';

const CONTACT_FIELD_NAMES = { phoneNumber: 'phone_number', firstName: 'first_name', lastName: 'last_name' };
const personParams: ParamSpec[] = [
  { name: 'email', type: 'string' },
  { name: 'phone_number', type: 'string', description: 'Digits with an optional leading +; spaces, dashes, dots and brackets are dropped' },
  { name: 'first_name', type: 'string' },
  { name: 'last_name', type: 'string' },
];

const updateGroup = (inPath: boolean): LegacyRoute => ({
  method: 'POST',
  path: inPath ? '/update_contact_group/:contact_type_id' : '/update_contact_group',
  summary: "Rename one of the caller's contact groups",
  auth: 'user',
  params: [
    { name: 'contact_type_id', type: 'integer', required: true, in: inPath ? 'path' : 'body', requiredMessage: GROUP_ID_REQUIRED },
    { name: 'name', type: 'string', required: true, requiredMessage: NAME_REQUIRED },
  ],
  operation: /* GraphQL */ `mutation MarketingUpdateContactGroup($input: UpdateContactGroupInput!) { updateContactGroup(input: $input) { id: databaseId } }`,
  variables: ({ values: v }) => ({ input: { contactGroupId: globalIdOf('ContactGroup', v.contact_type_id), name: v.name } }),
  respond: () => ({ status: 'success' }),
  errorMessages: { [ErrorCode.NotFound]: GROUP_MISSING },
  note: 'The document puts contact_type_id in the path; /update_contact_group with contact_type_id as a form field is served too.',
});

const updateContact = (inPath: boolean): LegacyRoute => ({
  method: 'POST',
  path: inPath ? '/update_contact/:contact_id' : '/update_contact',
  summary: 'Change a contact: names always, email and phone number only when not set before',
  auth: 'user',
  params: [{ name: 'contact_id', type: 'integer', required: true, in: inPath ? 'path' : 'body', requiredMessage: CONTACT_ID_REQUIRED }, ...personParams],
  operation: /* GraphQL */ `mutation MarketingUpdateContact($input: UpdateContactInput!) { updateContact(input: $input) { id: databaseId } }`,
  variables: ({ values: v }) => {
    if (['first_name', 'last_name', 'email', 'phone_number'].every((f) => v[f] === undefined)) {
      throw new LegacyError(ErrorCode.BadUserInput, 'You should at least provide value for first name or last name or email or phone number');
    }
    return { input: { contactId: globalIdOf('Contact', v.contact_id), firstName: v.first_name, lastName: v.last_name, email: v.email, phoneNumber: v.phone_number, keepSetEmailAndPhone: true } };
  },
  respond: () => ({ status: 'success' }),
  fieldNames: CONTACT_FIELD_NAMES,
  errorMessages: { [ErrorCode.NotFound]: CONTACT_MISSING },
  note: "The document puts contact_id in the path and in its parameter table: /update_contact/{contact_id} and /update_contact with a contact_id field are both served. An email or phone number already set does not change: a different one is left out and the names are still saved (the document's example sends all four fields; its note says email and phone_number are set only when absent). Phone numbers compare by their digits.",
});

/** The marketing API's contact groups ("contact types") and contacts endpoints, each scoped to the caller's own. */
export const marketingContactRoutes: LegacyRoute[] = [
  {
    method: ['GET', 'POST'],
    path: '/get_contact_group',
    summary: "Get one of the caller's contact groups",
    auth: 'user',
    params: [{ name: 'contact_type_id', type: 'integer', required: true, requiredMessage: GROUP_ID_REQUIRED }],
    operation: /* GraphQL */ `
      query MarketingGetContactGroup($id: ID!) { contactGroup(id: $id) { ...MarketingContactGroupFields } }
      ${MARKETING_CONTACT_GROUP_FIELDS}
    `,
    variables: ({ values: v }) => ({ id: globalIdOf('ContactGroup', v.contact_type_id) }),
    respond: (data: MarketingGetContactGroupQuery) => {
      if (!data.contactGroup) throw new LegacyError(ErrorCode.NotFound, GROUP_MISSING);
      return legacyContactGroup(data.contactGroup);
    },
    note: 'GET as documented; POST also accepted. The body is the bare group, with no status key, as the document shows.',
  },
  {
    method: 'POST',
    path: '/create_contact_group',
    summary: 'Create a contact group of the caller',
    auth: 'user',
    params: [{ name: 'name', type: 'string', required: true, requiredMessage: NAME_REQUIRED }],
    operation: /* GraphQL */ `mutation MarketingCreateContactGroup($name: String!) { createContactGroup(name: $name) { id: databaseId } }`,
    variables: ({ values: v }) => ({ name: v.name }),
    respond: (data: MarketingCreateContactGroupMutation) => ({ status: 'success', contact_type_id: data.createContactGroup.id }),
    note: "contact_type_id is a number, as the document's example shows.",
  },
  updateGroup(true),
  updateGroup(false),
  {
    method: 'POST',
    path: '/delete_contact_group',
    summary: "Delete one of the caller's contact groups with its contacts",
    auth: 'user',
    params: [{ name: 'contact_type_id', type: 'integer', required: true, requiredMessage: 'The contact_type_id field is required' }],
    operation: /* GraphQL */ `mutation MarketingDeleteContactGroup($id: ID!) { deleteContactGroup(contactGroupId: $id) }`,
    variables: ({ values: v }) => ({ id: globalIdOf('ContactGroup', v.contact_type_id) }),
    respond: (_data, { values: v }) => ({ status: 'success', message: `The contact type ID (${String(v.contact_type_id)}) has been deleted` }),
    errorMessages: { [ErrorCode.NotFound]: GROUP_MISSING },
    note: 'A soft delete: the group and its contacts vanish from every read; deleting it again is "The contact type ID does not exist".',
  },
  {
    method: ['GET', 'POST'],
    path: '/get_contact',
    summary: "Get one of the caller's contacts",
    auth: 'user',
    params: [{ name: 'contact_id', type: 'integer', required: true, requiredMessage: CONTACT_ID_REQUIRED }],
    operation: /* GraphQL */ `
      query MarketingGetContact($id: ID!) { contact(id: $id) { ...MarketingContactFields } }
      ${MARKETING_CONTACT_FIELDS}
    `,
    variables: ({ values: v }) => ({ id: globalIdOf('Contact', v.contact_id) }),
    respond: (data: MarketingGetContactQuery) => {
      if (!data.contact) throw new LegacyError(ErrorCode.NotFound, CONTACT_MISSING);
      return legacyContact(data.contact);
    },
    note: 'GET as documented; POST also accepted. The body is the bare contact, with no status key, as the document shows.',
  },
  {
    method: 'POST',
    path: '/create_contact',
    summary: "Create a contact in one of the caller's contact groups",
    auth: 'user',
    params: [{ name: 'contact_type_id', type: 'integer', required: true, requiredMessage: GROUP_ID_REQUIRED }, ...personParams],
    operation: /* GraphQL */ `mutation MarketingCreateContact($input: CreateContactInput!) { createContact(input: $input) { id: databaseId } }`,
    variables: ({ values: v }) => {
      if (v.email === undefined && v.phone_number === undefined) throw new LegacyError(ErrorCode.BadUserInput, 'The email or phone_number is required');
      return { input: { groupId: globalIdOf('ContactGroup', v.contact_type_id), email: v.email, phoneNumber: v.phone_number, firstName: v.first_name, lastName: v.last_name } };
    },
    respond: (data: MarketingCreateContactMutation) => ({ status: 'success', new_contact_id: data.createContact.id }),
    fieldNames: CONTACT_FIELD_NAMES,
    errorMessages: { [ErrorCode.NotFound]: CONTACT_MISSING },
    note: 'new_contact_id is a number, as the document\'s example shows. An unknown contact_type_id answers "The contact ID does not exist", the error the document lists for this endpoint. Emails and phone numbers are unique among the caller\'s contacts.',
  },
  updateContact(true),
  updateContact(false),
  {
    method: 'POST',
    path: '/delete_contact',
    summary: "Delete one of the caller's contacts",
    auth: 'user',
    params: [{ name: 'contact_id', type: 'integer', required: true, requiredMessage: CONTACT_ID_REQUIRED }],
    operation: /* GraphQL */ `mutation MarketingDeleteContact($id: ID!) { deleteContact(contactId: $id) }`,
    variables: ({ values: v }) => ({ id: globalIdOf('Contact', v.contact_id) }),
    respond: (_data, { values: v }) => ({ status: 'success', message: `The contact ID (${String(v.contact_id)}) has been deleted` }),
    errorMessages: { [ErrorCode.NotFound]: CONTACT_MISSING },
    note: 'A soft delete: the contact vanishes from every read; deleting it again is "The contact ID does not exist".',
  },
];
