import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new webhook subscription: catalog event names (or ["*"]) and an http(s) target.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => [String]) events!: string[];
  @Field() targetUrl!: string;
}

@InputType({ description: 'Changes to a subscription; omitted fields stay. Re-activating clears the failure state.' })
export class UpdateWebhookSubscriptionInput {
  @Field(() => [String], { nullable: true }) events?: string[] | null;
  @Field(() => String, { nullable: true }) targetUrl?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
