import { hashPassword } from '../auth/passwords';
import { viewerOf } from '../auth/authenticate';
import { createUserRow } from '../domains/users/user.service';
import { ROLE, UserStatus } from '../domains/users/user-status';
import { BoardPostingRole } from '../domains/boards/board-codes';
import { createBoard } from '../domains/boards/board.service';
import { createComment } from '../domains/content/remark.service';
import { createPost } from '../domains/content/post.service';
import { react } from '../domains/content/reaction.service';
import { createContext } from '../graphql/context';
import { findUserByEmail } from '../domains/users/user.repository';
import { createGroupChat } from '../domains/chats/chat.service';
import { sendMessage } from '../domains/chats/message.service';
import { insertApiKey } from '../domains/users/api-key.repository';
import { actAs } from './act-as';
import { seedAudience } from './demo-audience';
import { seedContacts } from './demo-contacts';
import { seedSocial } from './demo-social';
import type { Context, Services } from '../graphql/context.types';

/** The chat document's demo accounts; their password is the document's too. */
export const DEMO_ACCOUNTS = [
  { email: 'asd@gmail.com', username: 'demo_free', firstName: 'Free', lastName: 'Demo', pro: false },
  { email: 'asdasdasd@gmail.com', username: 'demo_premium', firstName: 'Premium', lastName: 'Demo', pro: true },
] as const;
export const DEMO_PASSWORD = 'asdasdasd';
/** The name of the premium demo account's API key. */
const DEMO_KEY_NAME = 'demo';

const PACKAGES = [
  { package_name: 'Trial', module_ids: '251,80,79,263,65', price: '0', validity: 0, visible: 0 },
  { package_name: 'Starter', module_ids: '251,80,79', price: '19.99', validity: 30, visible: 1 },
  { package_name: 'everything', module_ids: '251,80,202,201,88,206', price: '112.35', validity: 700, visible: 1 },
];

const FIRST = ['Ayana', 'Dovie', 'Esperanza', 'Alexandra', 'Maryam', 'Joshuah', 'Kofi', 'Lina', 'Mateo', 'Noor', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomas', 'Uma', 'Vera', 'Wei'];
const LAST = ['Baumbach', 'Frami', 'Okafor', 'Silva', 'Novak', 'Haddad', 'Kim', 'Larsen', 'Mendez', 'Ito'];
const STATUSES = [UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.WAITLIST, UserStatus.UNVERIFIED, UserStatus.INVITED];

export type Progress = (step: string, done: number, total: number) => void;

/**
 * Loads demo data through the domain services (so events fire as for any user): packages, the
 * two chat demo accounts, a moderator and a crowd of members. Safe to run twice: present rows stay.
 */
export async function seedDemo(services: Services, progress: Progress = () => undefined): Promise<{ created: number; skipped: number; demoApiKey: string | null }> {
  const { db } = services;
  const admin = await db.selectFrom('users').selectAll().where('role_id', '=', ROLE.ADMIN).orderBy('id').executeTakeFirstOrThrow();
  const ctx = createContext(services, { viewer: viewerOf({ user_id: admin.id, role_id: admin.role_id }, 'api_key', {}), requestId: 'seed', ip: null });

  const existingPackages = await db.selectFrom('packages').select('package_name').execute();
  const now = new Date().toISOString();
  const newPackages = PACKAGES.filter((p) => !existingPackages.some((e) => e.package_name === p.package_name));
  if (newPackages.length > 0)
    await db
      .insertInto('packages')
      .values(newPackages.map((p) => ({ ...p, created_at: now, updated_at: now })))
      .execute();
  progress('packages', PACKAGES.length, PACKAGES.length);
  const premium = await db.selectFrom('packages').select('id').where('package_name', '=', 'everything').executeTakeFirstOrThrow();

  const passwordHash = await hashPassword(DEMO_PASSWORD, services.config.bcryptCost);
  const people = [
    ...DEMO_ACCOUNTS.map((a) => ({
      email: a.email,
      username: a.username,
      firstName: a.firstName,
      lastName: a.lastName,
      status: UserStatus.ACTIVE,
      roleId: ROLE.MEMBER,
      packageId: a.pro ? premium.id : undefined,
      pro: a.pro,
    })),
    { email: 'moderator@example.com', username: 'moderator', firstName: 'Mona', lastName: 'Moderator', status: UserStatus.ACTIVE, roleId: ROLE.MODERATOR, packageId: undefined, pro: false },
    ...FIRST.map((first, i) => ({
      email: `${first.toLowerCase()}.${LAST[i % LAST.length].toLowerCase()}@example.com`,
      username: `${first}_${LAST[i % LAST.length]}`,
      firstName: first,
      lastName: LAST[i % LAST.length],
      status: STATUSES[i % STATUSES.length],
      roleId: ROLE.MEMBER,
      packageId: undefined,
      pro: false,
    })),
  ];
  let created = 0;
  let skipped = 0;
  for (const [i, person] of people.entries()) {
    if (await findUserByEmail(db, person.email)) skipped++;
    else {
      await services.events.transaction(db, async (unit) => {
        const row = await createUserRow(ctx, unit, { ...person, passwordHash });
        if (person.pro) await unit.trx.updateTable('users').set({ is_pro: 1, pro_type: 1 }).where('id', '=', row.id).execute();
      });
      created++;
    }
    progress('users', i + 1, people.length);
  }
  await seedContent(services, ctx, progress);
  await seedChats(services, progress);
  const [freeDemo, premiumDemo] = await Promise.all(DEMO_ACCOUNTS.map((a) => actAs(services, a.email)));
  let demoApiKey: string | null = null;
  if (freeDemo && premiumDemo) {
    await seedSocial(services, ctx, freeDemo, premiumDemo, progress);
    await seedAudience(services, premiumDemo, progress);
    await seedContacts(services, premiumDemo, progress);
    demoApiKey = await demoKey(services, premiumDemo.viewer!.userId);
  }
  return { created, skipped, demoApiKey };
}

const BOARDS = [
  { name: 'General', about: 'Say hello and talk about anything.' },
  { name: 'Announcements', about: 'News from the team.', permissionFor: BoardPostingRole.ADMIN },
  { name: 'Feedback', about: 'Ideas and requests; posts wait for a moderator.', needsApproval: true },
];

const POSTS = [
  { board: 'General', headline: 'Welcome to the community', content: '<p>Introduce yourself below. #welcome</p>' },
  { board: 'Announcements', headline: 'One gateway for every app', content: '<p>Social, community, chat and marketing now share one account. #gateway</p>' },
  { board: 'General', headline: 'Favourite GraphQL tools?', content: '<p>GraphiQL is built in at <code>/graphiql</code>. #graphql</p>' },
  { board: null, headline: null, content: 'My first timeline post #hello' },
];

/** Boards, posts, comments and reactions, once: skipped when any board exists. */
async function seedContent(services: Services, admin: Context, progress: Progress): Promise<void> {
  if (await services.db.selectFrom('boards').select('id').limit(1).executeTakeFirst()) return;
  const boards = new Map<string, number>();
  for (const board of BOARDS) boards.set(board.name, (await createBoard(admin, board)).id);
  const demo = await actAs(services, DEMO_ACCOUNTS[0].email);
  for (const [i, post] of POSTS.entries()) {
    const row = await createPost(admin, { boardId: post.board ? boards.get(post.board) : null, headline: post.headline, content: post.content });
    if (demo) {
      await createComment(demo, { postId: row.id, content: 'Great to be here! #welcome' });
      await react(demo, 'POST', row.id, 1);
    }
    progress('posts', i + 1, POSTS.length);
  }
}

/** A direct chat of the two demo accounts and a group with the moderator, once: skipped when any chat exists. */
async function seedChats(services: Services, progress: Progress): Promise<void> {
  if (await services.db.selectFrom('chats').select('id').limit(1).executeTakeFirst()) return;
  const [free, premium, moderator] = await Promise.all([...DEMO_ACCOUNTS.map((a) => actAs(services, a.email)), actAs(services, 'moderator@example.com')]);
  if (!free?.viewer || !premium?.viewer || !moderator?.viewer) return;
  const direct = await sendMessage(free, { toUserId: premium.viewer.userId, text: 'Hi! Is the new gateway live?' });
  await sendMessage(premium, { chatId: direct.chat_id, text: 'Yes: the chat API, the social API and GraphQL all see this conversation.', replyToId: direct.id });
  const group = await createGroupChat(moderator, 'Demo team', [free.viewer.userId, premium.viewer.userId]);
  await sendMessage(moderator, { chatId: group.id, text: 'Welcome to the demo team chat. Try searching for "gateway".' });
  progress('chats', 2, 2);
}

/**
 * An API key of the premium demo account, which owns the marketing demo data (a key sees only its
 * owner's objects). Made once: null when the account has one already, since keys are shown only once.
 */
async function demoKey(services: Services, userId: number): Promise<string | null> {
  const existing = await services.db.selectFrom('api_keys').select('id').where('user_id', '=', userId).where('name', '=', DEMO_KEY_NAME).executeTakeFirst();
  if (existing) return null;
  return (await insertApiKey(services.db, userId, DEMO_KEY_NAME)).key;
}
