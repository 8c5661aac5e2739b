import type { LoginThrottle } from '../auth/login-throttle';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import type { PayloadBuilder } from '../domains/webhooks/payload.builder';
import type { DomainEventPublisher } from '../events/domain-event.publisher';
import type { Mailer } from '../mail/mailer';
import type { MediaStore } from '../media/media-store';
import type { RedisConnections } from '../redis/client';
import type { GatewayPubSub } from './pubsub';
import type { TrustedDocumentGuard } from './trusted-document-guard';
import type { Loaders } from './loaders';
import type { LegacyUsageRecorder } from '../http/legacy-usage';

/** What lives as long as the server: shared by every request's context. */
export interface Services {
  db: Database;
  config: Config;
  events: DomainEventPublisher;
  pubsub: GatewayPubSub;
  mailer: Mailer;
  socialLogin: SocialLoginVerifier | null;
  /** The social API's site key, checked on every social request. */
  serverKey: string;
  /** Uploaded and imported images and videos, served at /uploads/. */
  media: MediaStore;
  /** Failed sign-ins per account; see src/auth/login-throttle.ts. */
  loginThrottle: LoginThrottle;
  /** The Redis connections shared by several instances (REDIS_URL); null: everything in this process. */
  redis: RedisConnections | null;
  /** What GraphQL over HTTP and WebSocket may run: the trusted documents (TRUSTED_DOCUMENTS) and whether only they may. */
  documents: TrustedDocumentGuard;
  /** Builds webhook bodies for the outbox and the live event stream: the community family's payload. */
  webhookPayload: PayloadBuilder;
  /** Calls, distinct credentials and user agents per legacy route, in this process (src/http/legacy-usage.ts). */
  legacyUsage: LegacyUsageRecorder;
}

/** Verifies a Facebook or Google access token and returns the provider's account id and email. */
export type SocialLoginVerifier = (
  provider: string,
  accessToken: string,
  options: { googleKey: string | null },
) => Promise<{ providerUserId: string; email: string | null; name: string | null } | null>;

/** The per-operation GraphQL context. Built by every transport with `createContext`. */
export interface Context extends Services {
  viewer: Viewer | null;
  loaders: Loaders;
  requestId: string;
  /** The caller's address, for last_login_ip. */
  ip: string | null;
  /** Fires when the request ran out of time or its client left: the work stops (src/graphql/abort.ts). */
  signal: AbortSignal | null;
}
