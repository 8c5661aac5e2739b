import { createFlowCampaign, recordFlowAnswers } from '../domains/marketing/flow.service';
import { assignLabels, createLabel } from '../domains/marketing/label.service';
import { importSubscribers } from '../domains/marketing/subscriber.importer';
import { findPageByName } from '../domains/social/places/page.repository';
import { updatePage } from '../domains/social/places/page.service';
import type { Context, Services } from '../graphql/context.types';

const SUBSCRIBERS = [
  { psid: '2499454673490220', firstName: 'Ayana', lastName: 'Baumbach', gender: 'female', locale: 'en_US', timezone: '-5', email: 'ayana@example.com' },
  { psid: '3001440154747507', firstName: 'Dovie', lastName: 'Frami', gender: 'male', locale: 'de_DE', timezone: '1', phoneNumber: '+49 30 1234567' },
  { psid: '2718281828459045', firstName: 'Esperanza', lastName: 'Okafor', gender: 'female', locale: 'es_ES', timezone: '1', email: 'esperanza@example.com' },
  { psid: '1414213562373095', firstName: 'Kofi', lastName: 'Silva', gender: 'male', locale: 'pt_BR', timezone: '-3', referrerSource: 'CUSTOMER_CHAT_PLUGIN' },
  { psid: '1732050807568877', firstName: 'Lina', lastName: 'Novak', gender: 'female', locale: 'cs_CZ', timezone: '1', birthdate: '1994-05-17' },
  { psid: '2236067977499789', firstName: 'Mateo', lastName: 'Haddad', gender: 'male', locale: 'fr_FR', timezone: '1', unavailable: true },
];

const LABELS: [string, number[]][] = [
  ['Important', [0, 2, 4]],
  ['Product', [0, 1, 3]],
  ['Newsletter', [1, 2, 3, 4, 5]],
];

const CAMPAIGNS: { name: string; questions: string[]; answers: [number, string[]][] }[] = [
  {
    name: 'Reader survey',
    questions: ['What do you like to do?', 'What is your favorite pet?', 'What is your favorite color?'],
    answers: [
      [0, ['Reading, Traveling, Watching Movies', 'Dog', 'Black']],
      [1, ['Traveling, Watching Movies', 'Cat', 'Blue']],
      [2, ['Cooking', 'Parrot', 'Green']],
    ],
  },
  {
    name: 'Release feedback',
    questions: ['Which API do you use most?', 'What should we build next?'],
    answers: [
      [3, ['Marketing', 'Scheduled broadcasts']],
      [4, ['Social', 'Page insights']],
    ],
  },
];

/**
 * The marketing audience side of the demo, once (skipped when any subscriber exists): the owner's
 * page `gateway_news` (made by seedSocial) gets its bot enabled, subscribers with labels, and two
 * flow campaigns answered by several subscribers. Writes go through the domain services as `owner`.
 */
export async function seedAudience(services: Services, owner: Context, progress: (step: string, done: number, total: number) => void): Promise<void> {
  if (await services.db.selectFrom('subscribers').select('id').limit(1).executeTakeFirst()) return;
  const page = await findPageByName(services.db, 'gateway_news');
  if (!page || page.owner_id !== owner.viewer?.userId) return;
  await updatePage(owner, page.id, { botEnabled: true });
  const now = Date.now();
  const rows = SUBSCRIBERS.map((s, i) => ({
    ...s,
    subscribedAt: new Date(now - (30 - i) * 24 * 3600 * 1000).toISOString(),
    lastInteractionAt: new Date(now - i * 3600 * 1000).toISOString(),
  }));
  await importSubscribers(owner, page.id, rows);
  for (const [name, members] of LABELS) {
    const label = await createLabel(owner, page.id, name);
    for (const i of members) await assignLabels(owner, page.id, SUBSCRIBERS[i].psid, [label.label_id]);
  }
  for (const campaign of CAMPAIGNS) {
    const row = await createFlowCampaign(owner, campaign.name, page.id, campaign.questions);
    const questions = await owner.loaders.flowQuestions.load(row.id);
    for (const [i, answers] of campaign.answers) {
      await recordFlowAnswers(
        owner,
        row.id,
        SUBSCRIBERS[i].psid,
        answers.map((answer, q) => ({ questionId: questions[q].id, answer })),
      );
    }
  }
  progress('audience', 1, 1);
}
