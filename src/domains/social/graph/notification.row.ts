import type { Selectable } from 'kysely';
import type { Notifications } from '../../../db/schema';

export type NotificationRow = Selectable<Notifications>;
