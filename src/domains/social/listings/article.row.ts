import type { Selectable } from 'kysely';
import type { Articles } from '../../../db/schema';

export type ArticleRow = Selectable<Articles>;
