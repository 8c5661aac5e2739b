/** How a request proved who it is. */
export type AuthScheme = 'bearer' | 'access_token' | 'basic_api_key' | 'api_key' | 'websocket' | 'cookie';

/** The authenticated caller, the same whichever door it came through. */
export interface Viewer {
  userId: number;
  roleId: number;
  isAdmin: boolean;
  isModerator: boolean;
  scheme: AuthScheme;
  /** The session token's row id, when the caller used one (lets `logout` end just this session). */
  tokenId: number | null;
  /** The API key's row id, when the caller used one. */
  apiKeyId: number | null;
  /** The community API's Basic username: the calling system, kept for the audit log. */
  callingSystem: string | null;
}
