import type { Insertable } from 'kysely';
import type { Contacts } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError } from '../../errors';
import { importRows, MAX_IMPORT_ROWS } from './import-rows';
import { requireMembership } from './membership.guard';
import type { ContactImportRow } from './contact.input';
import type { ContactImportRejection } from './contact.type';
import { findContactsByEmailsOrPhones, insertContacts, updateContactRow } from './contact.repository';
import { applyUpdateRules, type ContactFields, type ContactState, contactFields } from './contact.rules';
import { requireGroup } from './contact-group.service';

/** What an import did, with the numbers of the contacts it created and updated. */
export interface ContactImportOutcome {
  created: number;
  updated: number;
  rejected: number;
  createdIds: number[];
  updatedIds: number[];
  rejections: ContactImportRejection[];
}

/** A contact the import works on: one already stored (with its id) or one this import creates. */
interface Target {
  id: number | null;
  state: ContactState;
  /** Already in the write plan: created by this import, or an update queued. */
  planned: boolean;
}

interface Plan {
  creates: Target[];
  updates: Target[];
  updatedRows: number;
  rejections: ContactImportRejection[];
}

function rejection(row: number, error: unknown): ContactImportRejection {
  if (error instanceof BadUserInputError) return { row, field: (error.extensions.field as string | undefined) ?? null, message: error.message };
  throw error;
}

/** Checks every row and normalises it; bad rows become rejections. */
function checkRows(rows: readonly ContactImportRow[], rejections: ContactImportRejection[]): Map<number, ContactFields> {
  const valid = new Map<number, ContactFields>();
  rows.forEach((row, index) => {
    try {
      const fields = contactFields(row);
      if (fields.email === null && fields.phoneNumber === null) throw new BadUserInputError('The email or phoneNumber is required', 'phoneNumber');
      valid.set(index, fields);
    } catch (error) {
      rejections.push(rejection(index, error));
    }
  });
  return valid;
}

/**
 * Applies the valid rows in order to the stored contacts they match (by email or phone number) and
 * to the contacts earlier rows create, by the update rules; a row matching two different contacts,
 * or breaking a rule, is rejected.
 */
function planRows(valid: Map<number, ContactFields>, existing: Target[], rejections: ContactImportRejection[]): Plan {
  const byEmail = new Map<string, Target>();
  const byPhone = new Map<string, Target>();
  const index = (target: Target) => {
    if (target.state.email !== null) byEmail.set(target.state.email, target);
    if (target.state.phone_number !== null) byPhone.set(target.state.phone_number, target);
  };
  existing.forEach(index);
  const plan: Plan = { creates: [], updates: [], updatedRows: 0, rejections };
  for (const [row, fields] of valid) {
    const byE = fields.email === null ? undefined : byEmail.get(fields.email);
    const byP = fields.phoneNumber === null ? undefined : byPhone.get(fields.phoneNumber);
    if (byE && byP && byE !== byP) {
      rejections.push({ row, field: 'phoneNumber', message: 'email and phoneNumber belong to two different contacts' });
      continue;
    }
    const target = byE ?? byP;
    if (!target) {
      const created: Target = {
        id: null,
        planned: true,
        state: { first_name: fields.firstName ?? '', last_name: fields.lastName ?? '', email: fields.email, phone_number: fields.phoneNumber, notes: fields.notes ?? '' },
      };
      plan.creates.push(created);
      index(created);
      continue;
    }
    try {
      target.state = applyUpdateRules(target.state, fields);
    } catch (error) {
      rejections.push(rejection(row, error));
      continue;
    }
    if (target.id !== null && !target.planned) plan.updates.push(target);
    target.planned = true;
    index(target);
    plan.updatedRows++;
  }
  rejections.sort((a, b) => a.row - b.row);
  return plan;
}

/**
 * Imports contacts into one of the viewer's groups. Every row is checked first; the valid ones are
 * written in one transaction: a row whose email or phone number matches a live contact of the
 * viewer (in any group; it stays there) updates it by the update rules, any other row creates a
 * contact in the group. Bad rows are reported with their index and skipped.
 */
export async function importContacts(ctx: Context, groupId: number, rows: readonly ContactImportRow[]): Promise<ContactImportOutcome> {
  const viewer = await requireMembership(ctx);
  const rejections: ContactImportRejection[] = [];
  const valid = checkRows(importRows(rows, `rows must hold at most ${MAX_IMPORT_ROWS} rows`), rejections);
  const result = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await requireGroup(ctx, groupId, trx);
    const fields = [...valid.values()];
    const emails = [...new Set(fields.flatMap((f) => (f.email === null ? [] : [f.email])))];
    const phones = [...new Set(fields.flatMap((f) => (f.phoneNumber === null ? [] : [f.phoneNumber])))];
    const stored = await findContactsByEmailsOrPhones(trx, viewer.userId, emails, phones);
    const plan = planRows(
      valid,
      stored.map((row) => ({ id: row.id, state: row, planned: false })),
      rejections,
    );
    const now = new Date().toISOString();
    for (const target of plan.updates) await updateContactRow(trx, target.id!, { ...target.state, updated_at: now });
    const values: Insertable<Contacts>[] = plan.creates.map((target) => ({ ...target.state, user_id: viewer.userId, contact_group_id: groupId, created_at: now, updated_at: now }));
    const created = (await insertContacts(trx, values)).map((row) => row.id).sort((a, b) => a - b);
    const updatedIds = plan.updates.map((target) => target.id!);
    if (created.length > 0) await record('contact.created', { contact: created, contact_group: [groupId], user: [viewer.userId] }, viewer.userId);
    if (updatedIds.length > 0) await record('contact.updated', { contact: updatedIds, user: [viewer.userId] }, viewer.userId);
    return { created: created.length, updated: plan.updatedRows, rejected: rejections.length, createdIds: created, updatedIds, rejections };
  });
  for (const id of result.updatedIds) ctx.loaders.contact.clear(id);
  return result;
}
