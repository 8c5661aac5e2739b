import 'reflect-metadata';
import type * as ClassValidator from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import { type AuthChecker, buildSchemaSync } from 'type-graphql';
import { guardRootFields } from './abort';
import { onFirstUse } from '../lazy';
import { getMetadataStorage } from './validators';
import { BoardResolver } from '../domains/boards/board.resolver';
import { ChatParticipantResolver, ChatResolver } from '../domains/chats/chat.resolver';
import { MessageResolver } from '../domains/chats/message.resolver';
import { AlbumResolver } from '../domains/social/listings/album.resolver';
import { ArticleResolver } from '../domains/social/listings/article.resolver';
import { EventResolver } from '../domains/social/listings/event.resolver';
import { MovieResolver } from '../domains/social/listings/movie.resolver';
import { ProductResolver } from '../domains/social/listings/product.resolver';
import { StoryResolver } from '../domains/social/listings/story.resolver';
import { ActivityResolver } from '../domains/social/graph/activity.resolver';
import { BlockResolver } from '../domains/social/graph/block.resolver';
import { DiscoveryResolver, ViewerLocationResolver } from '../domains/social/graph/discovery.resolver';
import { FollowResolver } from '../domains/social/graph/follow.resolver';
import { NotificationResolver } from '../domains/social/graph/notification.resolver';
import { GroupResolver, UserGroupsResolver } from '../domains/social/places/group.resolver';
import { PageResolver, UserPagesResolver } from '../domains/social/places/page.resolver';
import { SearchResolver } from '../domains/social/places/search.resolver';
import { CommentResolver, RemarkResolver, ReplyResolver } from '../domains/content/remark.resolver';
import { PostResolver } from '../domains/content/post.resolver';
import { ContactGroupResolver } from '../domains/marketing/contact-group.resolver';
import { ContactResolver } from '../domains/marketing/contact.resolver';
import { FlowAnswerResolver, FlowCampaignResolver, FlowQuestionResolver } from '../domains/marketing/flow.resolver';
import { LabelResolver } from '../domains/marketing/label.resolver';
import { SubscriberResolver } from '../domains/marketing/subscriber.resolver';
import { PackageResolver } from '../domains/marketing/package.resolver';
import { WebhookDeliveryLogResolver } from '../domains/webhooks/delivery-log.resolver';
import { WebhookEventResolver } from '../domains/webhooks/event-stream.resolver';
import { WebhookSubscriptionResolver } from '../domains/webhooks/subscription.resolver';
import { TagResolver } from '../domains/tags/tag.resolver';
import { SiteResolver } from '../domains/site/site.resolver';
import { LegacyUsageResolver } from '../domains/legacy-usage/legacy-usage.resolver';
import { ApiKeyResolver } from '../domains/users/api-key.resolver';
import { AuthResolver } from '../domains/users/auth.resolver';
import { RoleResolver } from '../domains/users/role.resolver';
import { SessionResolver } from '../domains/users/session.resolver';
import { UserResolver } from '../domains/users/user.resolver';
import { UserPrivacyResolver } from '../domains/users/privacy.resolver';
import type { Context } from './context.types';
import { NodeResolver } from './node.resolver';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors';
import type { GatewayPubSub } from './pubsub';

/** `@Authorized()` needs a viewer; `@Authorized('ADMIN')` an admin; `'MODERATOR'` a moderator or admin. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const { viewer } = context;
  if (!viewer) throw new UnauthenticatedError();
  if (roles.length === 0) return true;
  if (roles.includes('ADMIN') && viewer.isAdmin) return true;
  if (roles.includes('MODERATOR') && (viewer.isAdmin || viewer.isModerator)) return true;
  throw new ForbiddenError(roles.includes('ADMIN') ? 'Only admins may do this' : 'You are not allowed to do this');
};

export const resolvers = [
  NodeResolver,
  UserResolver,
  UserPrivacyResolver,
  AuthResolver,
  ApiKeyResolver,
  SessionResolver,
  RoleResolver,
  PackageResolver,
  SiteResolver,
  LegacyUsageResolver,
  PostResolver,
  CommentResolver,
  RemarkResolver,
  ReplyResolver,
  BoardResolver,
  TagResolver,
  ChatResolver,
  ChatParticipantResolver,
  MessageResolver,
  // social: the graph, places, listings
  FollowResolver,
  BlockResolver,
  NotificationResolver,
  ActivityResolver,
  DiscoveryResolver,
  ViewerLocationResolver,
  PageResolver,
  UserPagesResolver,
  GroupResolver,
  UserGroupsResolver,
  SearchResolver,
  EventResolver,
  ProductResolver,
  StoryResolver,
  ArticleResolver,
  AlbumResolver,
  MovieResolver,
  // marketing: the audience (subscribers, labels, flows), contacts
  SubscriberResolver,
  LabelResolver,
  FlowCampaignResolver,
  FlowQuestionResolver,
  FlowAnswerResolver,
  ContactGroupResolver,
  ContactResolver,
  // webhooks
  WebhookEventResolver,
  WebhookSubscriptionResolver,
  WebhookDeliveryLogResolver,
] as const;

/** class-validator's index, with every rule it has: loaded at the first input with rules checked (see ./validators). */
const classValidator = onFirstUse(() => require('class-validator') as typeof ClassValidator);

/** Whether a class has class-validator rules (its own or inherited): most argument classes have none. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by class constructors, as type-graphql's own types name them
const hasRules = new WeakMap<Function, boolean>();
function carriesRules(value: object): boolean {
  let known = hasRules.get(value.constructor);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(value.constructor, '', false, false).length > 0;
    hasRules.set(value.constructor, known);
  }
  return known;
}

/**
 * Validates inputs with their class-validator rules; the first broken rule becomes a BAD_USER_INPUT
 * error. Synchronous (no rule here is asynchronous), so a resolver with arguments stays synchronous
 * (patches/README.md: type-graphql), and a class without rules is not walked at all.
 */
function validateInput(argValue: unknown): void {
  if (argValue === null || typeof argValue !== 'object') return;
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    // A list of scalars ([String], [Int]) has no rules; class-validator would read a string as a schema name.
    if (value === null || typeof value !== 'object' || !carriesRules(value)) continue;
    const first = classValidator().validateSync(value, { forbidUnknownValues: false, skipMissingProperties: false })[0];
    if (first) {
      const nested = first.children?.[0];
      const failing = nested ?? first;
      const message = Object.values(failing.constraints ?? {})[0] ?? `${failing.property} is invalid`;
      throw new BadUserInputError(message, nested ? `${first.property}.${nested.property}` : first.property);
    }
  }
}

/** Builds the executable schema from every domain's resolvers. */
export function buildGatewaySchema(pubsub: GatewayPubSub): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers,
    authChecker,
    pubSub: pubsub,
    validateFn: (argValue) => validateInput(argValue),
    emitSchemaFile: false,
  });
  // A stopped request (timed out, client gone) starts no further root field.
  return guardRootFields(schema);
}
