/** Where the app finds the gateway, read once at start. */
export interface AppConfig {
  /** The gateway's origin, e.g. http://localhost:4000 (no trailing slash). */
  gatewayUrl: string;
  /** Its graphql-ws endpoint, derived from gatewayUrl. */
  wsUrl: string;
  /**
   * Send document text instead of hashes: only for a gateway that has not loaded this app's
   * trusted documents manifest (development). Off by default.
   */
  sendDocumentText: boolean;
}

const DEFAULT_GATEWAY = 'http://localhost:4000';

interface ServedConfig {
  gatewayUrl?: string;
  sendDocumentText?: boolean;
}

/** `/config.json` beside the build (the example's server writes it); nothing when absent (vite dev). */
async function servedConfig(): Promise<ServedConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return {};
    return (await response.json()) as ServedConfig;
  } catch {
    return {};
  }
}

/**
 * The gateway is, first found: `?gateway=` in the page's URL, `/config.json`'s `gatewayUrl`,
 * VITE_GATEWAY_URL at build time, then http://localhost:4000. `?documents=text`,
 * `sendDocumentText` in /config.json or VITE_SEND_DOCUMENT_TEXT=1 turn on sending document text.
 */
export async function loadConfig(): Promise<AppConfig> {
  const query = new URLSearchParams(window.location.search);
  const served = await servedConfig();
  const gateway = query.get('gateway') || served.gatewayUrl || import.meta.env.VITE_GATEWAY_URL || DEFAULT_GATEWAY;
  const gatewayUrl = new URL(gateway).origin;
  const wsUrl = `${gatewayUrl.replace(/^http/, 'ws')}/graphql`;
  const sendDocumentText = query.get('documents') === 'text' || served.sendDocumentText === true || import.meta.env.VITE_SEND_DOCUMENT_TEXT === '1';
  return { gatewayUrl, wsUrl, sendDocumentText };
}
