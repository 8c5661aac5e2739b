/** One event in the catalog: its name, what it means, and the entity kinds its payload carries. */
export interface CatalogEvent<Name extends string = EventName> {
  readonly name: Name;
  readonly description: string;
  readonly entities: readonly string[];
}

const e = <const Name extends string>(name: Name, description: string, ...entities: string[]): CatalogEvent<Name> => ({ name, description, entities });

/**
 * Every domain event the gateway records, in the order the README documents them. The webhook
 * catalog (webhookEventCatalog) shows it as it stands; `EventName` is its names, so a service
 * cannot record an event that is not here.
 */
export const EVENT_CATALOG = [
  e('member.joined', 'A user became ACTIVE, through any door (registration, approval, import).', 'user'),
  e('member.joined_waitlist', 'A user was created with status WAITLIST.', 'user'),
  e('member.deleted', 'A user deleted their account.', 'user'),
  e('member.followed', 'A user followed another (or a follow request was accepted): follower, then followed.', 'user'),
  e('member.blocked', 'A user blocked another: blocker, then blocked.', 'user'),
  e('member.unblocked', 'A user unblocked another: blocker, then unblocked.', 'user'),
  e('post.created', 'A post was published.', 'post', 'user'),
  e('comment.created', 'A comment was added to a post.', 'comment', 'post', 'user'),
  e('reply.created', 'A reply was added to a comment.', 'reply', 'comment', 'post', 'user'),
  e('reaction.added', 'A user reacted to a post, comment or reply (the key names which).', 'post', 'comment', 'reply', 'user'),
  e('chat.created', 'A conversation or group chat was started.', 'chat', 'user'),
  e('chat.updated', 'A chat gained members or a member left, or a participant changed their own settings of it (pin, archive, colour, read mark, deleted history).', 'chat', 'user'),
  e('message.created', 'A chat message was sent.', 'message', 'chat', 'user'),
  e('message.updated', 'A chat message was edited.', 'message', 'chat', 'user'),
  e('message.deleted', 'A chat message was deleted.', 'message', 'chat', 'user'),
  e('notification.created', 'A user received a notification: the notification and its recipient.', 'notification', 'user'),
  e('page.created', 'A page was created.', 'page', 'user'),
  e('page.updated', 'A page was edited.', 'page', 'user'),
  e('page.liked', 'A user liked a page.', 'page', 'user'),
  e('page.unliked', 'A user stopped liking a page.', 'page', 'user'),
  e('group.created', 'A group was created.', 'group', 'user'),
  e('group.updated', 'A group was edited.', 'group', 'user'),
  e('group.joined', 'Users joined a group (or their join requests were approved).', 'group', 'user'),
  e('group.join_requested', 'A user asked to join a group that needs approval.', 'group', 'user'),
  e('group.left', 'A user left a group.', 'group', 'user'),
  e('event.created', 'A social event was created.', 'event', 'user'),
  e('product.created', 'A product was listed (with the post announcing it).', 'product', 'post', 'user'),
  e('story.created', 'A story was published.', 'story', 'user'),
  e('story.deleted', 'A story was deleted.', 'story', 'user'),
  e('article.created', 'A blog article was published.', 'article', 'user'),
  e('album.created', 'A photo album was created.', 'album', 'user'),
  e('movie.created', 'A movie was added.', 'movie'),
  e('subscriber.created', 'Page subscribers were created (imported).', 'subscriber', 'page'),
  e('subscriber.updated', 'Page subscribers were updated (re-imported).', 'subscriber', 'page'),
  e('subscriber.labeled', 'Labels were added to a subscriber.', 'subscriber', 'label', 'page'),
  e('subscriber.unlabeled', 'A label was removed from a subscriber.', 'subscriber', 'label', 'page'),
  e('label.created', 'A subscriber label was created on a page.', 'label', 'page'),
  e('flow.created', 'A flow (campaign) was created on a page.', 'flow', 'page'),
  e('flow.answered', 'A subscriber answered questions of a flow.', 'flow', 'subscriber', 'question'),
  e('contact.created', 'Contacts were added (one, or an import).', 'contact', 'contact_group', 'user'),
  e('contact.updated', 'Contacts were edited (one, or an import).', 'contact', 'contact_group', 'user'),
  e('contact.deleted', 'Contacts were deleted (one, or with their group).', 'contact', 'contact_group', 'user'),
  e('contact.unsubscribed', 'A contact was unsubscribed.', 'contact', 'contact_group', 'user'),
  e('contact.resubscribed', 'A contact was subscribed again.', 'contact', 'contact_group', 'user'),
  e('contact_group.created', 'A contact group was created.', 'contact_group', 'user'),
  e('contact_group.updated', 'A contact group was renamed.', 'contact_group', 'user'),
  e('contact_group.deleted', 'A contact group was deleted.', 'contact_group', 'user'),
  e('package.created', 'An admin created a subscription package.', 'package'),
  e('package.updated', 'An admin edited a subscription package.', 'package'),
  e('package.deleted', 'An admin deleted a subscription package.', 'package'),
] as const;

/** The name of an event in the catalog (`member.joined`, …). */
export type EventName = (typeof EVENT_CATALOG)[number]['name'];

const NAMES: ReadonlySet<string> = new Set(EVENT_CATALOG.map((event) => event.name));

/** Whether a name (a subscription's, a caller's) is an event in the catalog. */
export function isEventName(name: string): name is EventName {
  return NAMES.has(name);
}
