import { createHash, randomBytes } from 'node:crypto';

/** What a page loads besides its own origin's scripts and stylesheets. */
export interface PagePolicy {
  /** The exact text of each inline `<style>` element: allowed by its hash. */
  inlineStyles?: readonly string[];
  /** Whether the page's scripts fetch from its origin (HTTP and, for 'self', WebSocket). */
  connect?: boolean;
  /** Whether the page loads its own scripts and stylesheets; a page without them loads nothing. */
  assets?: boolean;
}

/** The `sha256-…` source of an inline style or script, as a content-security policy names it. */
export function sourceHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A fresh nonce for one answer of a page that allows styles its scripts insert (GraphiQL's menus). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The security headers of an HTML page (GraphiQL, /docs, /get_news_feed), the same set helmet gives
 * less what a gateway cannot know (HSTS belongs to the TLS proxy): a content-security policy that
 * allows only the page's own origin and hashed inline styles, no framing by any page, nosniff and
 * no referrer. JSON, GraphQL and legacy API answers never get them. With `nonce`, styles carrying
 * it are allowed too.
 */
export function pageSecurityHeaders(policy: PagePolicy, nonce?: string): Record<string, string> {
  const own = policy.assets ? ["'self'"] : [];
  const styles = [...own, ...(policy.inlineStyles ?? []).map(sourceHash), ...(nonce ? [`'nonce-${nonce}'`] : [])];
  const directives = [
    "default-src 'none'",
    `script-src ${own.join(' ') || "'none'"}`,
    `style-src ${styles.join(' ') || "'none'"}`,
    // Icons and fonts GraphiQL's and Swagger UI's stylesheets carry as data: URLs.
    `img-src ${[...own, ...(policy.assets ? ['data:'] : [])].join(' ') || "'none'"}`,
    `font-src ${[...own, ...(policy.assets ? ['data:'] : [])].join(' ') || "'none'"}`,
    `connect-src ${policy.connect ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return {
    'content-security-policy': directives.join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
