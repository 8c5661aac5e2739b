import { connectionType } from '../../graphql/connection';
import { Contact } from './contact.type';

/** A page of contacts, oldest first: `contacts` and `ContactGroup.contacts`. */
export const ContactConnection = connectionType(Contact, { totalCount: true, description: "A page of the viewer's contacts, oldest first." });
