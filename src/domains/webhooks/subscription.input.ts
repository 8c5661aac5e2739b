import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new webhook subscription: catalog event names (or ["*"]) and an http(s) target.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => [String]) events!: string[];
  @Field() targetUrl!: string;
}

@InputType({ description: 'Changes to a subscription; omitted fields stay. Re-activating clears the failure state.' })
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription to change (its global id).' }) subscriptionId!: string;
  @Field(() => [String], { nullable: true }) events?: string[] | null;
  @Field(() => String, { nullable: true }) targetUrl?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType({ description: 'A new signing secret for a subscription; the old one keeps signing alongside for graceSeconds.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'The subscription whose secret is replaced (its global id).' }) subscriptionId!: string;
  @Field(() => Int, { defaultValue: 86400, description: 'How long the previous secret keeps signing (0 to 30 days, in seconds); 0 drops it at once.' })
  graceSeconds!: number;
}
