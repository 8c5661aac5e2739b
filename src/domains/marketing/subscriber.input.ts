import { Field, ID, InputType } from 'type-graphql';

/**
 * One subscriber for importSubscribers, matched by page and PSID. Omitted fields keep their stored
 * value (or the default for a new subscriber). Rows are checked one by one by the import, not by
 * input validation, so one bad row does not refuse the others.
 */
@InputType({
  description:
    'One subscriber for importSubscribers, matched by page and PSID. Omitted fields keep their stored value (or the default for a new subscriber); each row is checked by the import, so one bad row does not refuse the others.',
})
export class SubscriberImportRow {
  @Field({ description: 'Digits only, at most 32.' }) psid!: string;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: 'Defaults to first and last name joined.' }) fullName?: string | null;
  @Field(() => String, { nullable: true }) gender?: string | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field(() => Boolean, { nullable: true }) unavailable?: boolean | null;
  @Field(() => String, { nullable: true }) lastErrorMessage?: string | null;
  @Field(() => String, { nullable: true }) lastErrorMessageBroadcast?: string | null;
  @Field(() => String, { nullable: true }) referrerSource?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC).' }) subscribedAt?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phoneNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) birthdate?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC).' }) lastInteractionAt?: string | null;
}

@InputType({ description: "Subscribers to insert or update on one of the viewer's bot pages." })
export class ImportSubscribersInput {
  @Field(() => ID, { description: 'The bot Page.' }) pageId!: string;
  @Field(() => [SubscriberImportRow], { description: 'At most 10000 rows.' }) rows!: SubscriberImportRow[];
}
