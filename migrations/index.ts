import type { Migration } from 'kysely';
import * as m0001 from './0001_identity';
import * as m0002 from './0002_social_places';
import * as m0003 from './0003_content';
import * as m0004 from './0004_social_content';
import * as m0005 from './0005_chat';
import * as m0006 from './0006_marketing';
import * as m0007 from './0007_webhooks';
import * as m0008 from './0008_message_search';
import * as m0009 from './0009_contacts';
import * as m0010 from './0010_privacy';
import * as m0011 from './0011_sessions';
import * as m0012 from './0012_pending_uploads';

/** Every migration, in order. Imported statically so the same list works from source and from dist. */
export const migrations: Record<string, Migration> = {
  '0001_identity': m0001,
  '0002_social_places': m0002,
  '0003_content': m0003,
  '0004_social_content': m0004,
  '0005_chat': m0005,
  '0006_marketing': m0006,
  '0007_webhooks': m0007,
  '0008_message_search': m0008,
  '0009_contacts': m0009,
  '0010_privacy': m0010,
  '0011_sessions': m0011,
  '0012_pending_uploads': m0012,
};
