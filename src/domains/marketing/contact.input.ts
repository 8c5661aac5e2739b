import { Field, ID, InputType } from 'type-graphql';

/** Emails, phone numbers, names and notes are checked and normalised by the service (contact.rules.ts), so an import can report each bad row. */
@InputType({ description: "A new contact in one of the viewer's groups. Give an email, a phone number or both." })
export class CreateContactInput {
  @Field(() => ID, { description: 'The ContactGroup it goes in.' }) groupId!: string;
  @Field(() => String, { nullable: true, description: 'Trimmed and lower-cased.' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Kept as digits with an optional leading +; spaces, dashes, dots and brackets are dropped.' }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType({ description: 'Changes to a contact. Names, notes and the group always change; email and phoneNumber only fill in an empty one.' })
export class UpdateContactInput {
  @Field(() => ID, { description: 'The Contact to change.' }) contactId!: string;
  @Field(() => ID, { nullable: true, description: "Moves the contact to another of the viewer's groups (a ContactGroup id)." }) groupId?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "true: an email or phoneNumber other than the one already set is left out and the rest still changes (the marketing API's update_contact); false (default): it is refused.",
  })
  keepSetEmailAndPhone?: boolean | null;
}

@InputType({ description: 'Unsubscribes a contact, or subscribes it again.' })
export class SetContactUnsubscribedInput {
  @Field(() => ID, { description: 'The Contact.' }) contactId!: string;
  @Field({ description: 'true: unsubscribed; false: subscribed again.' }) unsubscribed!: boolean;
}

@InputType({ description: 'One row of an import: like a new contact, without the group.' })
export class ContactImportRow {
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType({ description: "Contacts to import into one of the viewer's groups." })
export class ImportContactsInput {
  @Field(() => ID, { description: 'The ContactGroup new contacts go in.' }) groupId!: string;
  @Field(() => [ContactImportRow], { description: 'At most 10000 rows.' }) rows!: ContactImportRow[];
}

@InputType({ description: "Which of the viewer's contacts `contacts` lists; every given condition must hold." })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: 'Only the contacts of this ContactGroup.' }) groupId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only unsubscribed (true) or subscribed (false) contacts.' }) unsubscribed?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Text found (case-insensitively) in a name, the email or the phone number.' }) search?: string | null;
}

@InputType({ description: "A new name for one of the viewer's contact groups." })
export class UpdateContactGroupInput {
  @Field(() => ID, { description: 'The ContactGroup to rename.' }) contactGroupId!: string;
  @Field() name!: string;
}
