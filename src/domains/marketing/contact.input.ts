import { Field, InputType, Int } from 'type-graphql';

/** Emails, phone numbers, names and notes are checked and normalised by the service (contact.rules.ts), so an import can report each bad row. */
@InputType({ description: 'A new contact in one of the viewer\'s groups. Give an email, a phone number or both.' })
export class CreateContactInput {
  @Field(() => Int) groupId!: number;
  @Field(() => String, { nullable: true, description: 'Trimmed and lower-cased.' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Kept as digits with an optional leading +; spaces, dashes, dots and brackets are dropped.' }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType({ description: 'Changes to a contact. Names, notes and the group always change; email and phoneNumber only fill in an empty one.' })
export class UpdateContactInput {
  @Field(() => Int, { nullable: true, description: 'Moves the contact to another of the viewer\'s groups.' }) groupId?: number | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: an email or phoneNumber other than the one already set is left out and the rest still changes (the marketing API\'s update_contact); false (default): it is refused.',
  })
  keepSetEmailAndPhone?: boolean | null;
}

@InputType({ description: 'One row of an import: like a new contact, without the group.' })
export class ContactImportRow {
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
