import { PAGE_DETAIL_KEYS, type PageDetailField } from './page.input';
import type { Page, PageDetails } from './page.type';
import type { PageRow } from './page.row';

/** The `extra` column: a JSON object of text fields (absent or broken JSON reads as empty). */
export function extraOf(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The stored `extra` fields as PageDetails: each text field, null when unset. */
export function detailsOf(json: string | null): PageDetails {
  const extra = extraOf(json);
  const entries = (Object.keys(PAGE_DETAIL_KEYS) as PageDetailField[]).map((field) => {
    const value = extra[PAGE_DETAIL_KEYS[field]];
    return [field, typeof value === 'string' ? value : null];
  });
  return Object.fromEntries(entries) as PageDetails;
}

export function toPage(row: PageRow): Page {
  return {
    id: row.id,
    name: row.page_name,
    title: row.page_title,
    description: row.page_description,
    category: row.page_category,
    avatar: row.avatar,
    cover: row.cover,
    website: row.website,
    phone: row.phone,
    address: row.address,
    verified: row.verified === 1,
    promoted: row.promoted === 1,
    botEnabled: row.bot_enabled === 1,
    likeCount: row.like_count,
    ownerId: row.owner_id,
    details: detailsOf(row.extra),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
