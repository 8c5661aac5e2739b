import { anyContactGroup } from '../domains/marketing/contact-group.repository';
import { createContactGroup } from '../domains/marketing/contact-group.service';
import { createContact, setUnsubscribed } from '../domains/marketing/contact.service';
import type { Context, Services } from '../graphql/context.types';

interface DemoContact {
  email?: string;
  phoneNumber?: string;
  firstName: string;
  lastName: string;
  notes?: string;
  unsubscribed?: boolean;
}

const GROUPS: { name: string; contacts: DemoContact[] }[] = [
  {
    name: 'Newsletter',
    contacts: [
      { email: 'ayana.baumbach@example.com', firstName: 'Ayana', lastName: 'Baumbach' },
      { email: 'dovie.frami@example.com', firstName: 'Dovie', lastName: 'Frami', phoneNumber: '+14155550101' },
      { email: 'kofi.okafor@example.com', firstName: 'Kofi', lastName: 'Okafor', notes: 'Asked for the monthly digest only.' },
      { email: 'lina.silva@example.com', firstName: 'Lina', lastName: 'Silva', unsubscribed: true },
    ],
  },
  {
    name: 'Event leads',
    contacts: [
      { phoneNumber: '+442079460958', firstName: 'Mateo', lastName: 'Mendez', notes: 'Met at the launch party.' },
      { email: 'noor.haddad@example.com', phoneNumber: '+4915123456789', firstName: 'Noor', lastName: 'Haddad' },
      { email: 'priya.kim@example.com', firstName: 'Priya', lastName: 'Kim' },
    ],
  },
];

/**
 * The marketing contacts of the demo, once (skipped when any contact group exists): two contact
 * groups of `owner` (the premium demo account) with a few contacts each, one of them unsubscribed.
 * Written through the services, so events fire as for any user.
 */
export async function seedContacts(services: Services, owner: Context, progress: (step: string, done: number, total: number) => void): Promise<void> {
  if (await anyContactGroup(services.db)) return;
  for (const [i, group] of GROUPS.entries()) {
    const row = await createContactGroup(owner, group.name);
    for (const { unsubscribed, ...fields } of group.contacts) {
      const contact = await createContact(owner, { groupId: row.id, ...fields });
      if (unsubscribed) await setUnsubscribed(owner, contact.id, true);
    }
    progress('contacts', i + 1, GROUPS.length);
  }
}
