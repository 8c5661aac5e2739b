import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { ConfigError } from '../config';
import type { LegacyDeprecation, LegacyDeprecationsConfig } from '../legacy-deprecations';
import { publicBaseUrl } from './public-url';
import { LegacyError, type LegacyFamily, type LegacyRoute, sendLegacyReply } from './route';

/** What one configured route (one of its methods) announces, and whether it answers 410 after its sunset. */
export interface RetirementPolicy {
  deprecated: Date | null;
  sunset: Date | null;
  link: string | null;
  gone: boolean;
}

/** The route key of LEGACY_DEPRECATIONS: `METHOD /prefix/path`. */
export function routeKey(method: string, family: LegacyFamily, route: LegacyRoute): string {
  return `${method.toUpperCase()} ${family.prefix}${route.path}`;
}

/**
 * Each configured route's policy by `METHOD /path` (a route entry wins over its family's). Throws a
 * ConfigError naming LEGACY_DEPRECATIONS for a target that is no mounted route nor family.
 */
export function retirementPolicies(families: readonly LegacyFamily[], config: LegacyDeprecationsConfig): Map<string, RetirementPolicy> {
  const byTarget = new Map<string, LegacyDeprecation>(config.entries.map((entry) => [entry.target.replace(/^(\w+)\s+/, (m, verb: string) => `${verb.toUpperCase()} `), entry]));
  const policies = new Map<string, RetirementPolicy>();
  const used = new Set<string>();
  for (const family of families) {
    const familyEntry = byTarget.get(family.name);
    if (familyEntry) used.add(family.name);
    for (const route of family.routes) {
      for (const method of [route.method].flat()) {
        const key = routeKey(method, family, route);
        const entry = byTarget.get(key) ?? familyEntry;
        if (byTarget.has(key)) used.add(key);
        if (entry) policies.set(key, { deprecated: entry.deprecated, sunset: entry.sunset, link: entry.link, gone: entry.gone || (config.goneAfterSunset && entry.sunset !== null) });
      }
    }
  }
  const unknown = [...byTarget.keys()].filter((target) => !used.has(target));
  if (unknown.length > 0) {
    throw new ConfigError(
      'LEGACY_DEPRECATIONS',
      `no legacy route or family ${unknown.map((t) => `"${t}"`).join(', ')}; name a family (${families.map((f) => f.name).join(', ')}) or a route as "METHOD /path" exactly as mounted (such as "GET /api/v1/users/:msid")`,
    );
  }
  return policies;
}

/** RFC 9745's Deprecation value: a structured-field Date, `@` and the Unix seconds. */
export function deprecationHeader(date: Date): string {
  return `@${Math.floor(date.getTime() / 1000)}`;
}

/** RFC 8594's Sunset value: an HTTP-date (IMF-fixdate). */
export function sunsetHeader(date: Date): string {
  return date.toUTCString();
}

/** The link to the replacement's documentation, absolute (a root-relative one is put after the public base URL). */
function linkOf(policy: RetirementPolicy, request: FastifyRequest, publicUrl: string | null): string {
  const link = policy.link ?? '/docs';
  return link.startsWith('/') ? `${publicBaseUrl(request, publicUrl)}${link}` : link;
}

/**
 * A route-level onRequest hook for configured routes: adds the Deprecation, Sunset and Link headers,
 * and once the sunset has passed on a route that is gone answers 410 in the family's envelope before
 * anything else runs. Methods of the route without a policy are left untouched.
 */
export function retirementHook(family: LegacyFamily, route: LegacyRoute, policies: Map<string, RetirementPolicy>, publicUrl: string | null, now: () => number = Date.now) {
  const mine = [route.method].flat().some((method: HTTPMethods) => policies.has(routeKey(method, family, route)));
  if (!mine) return undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const policy = policies.get(routeKey(method, family, route));
    if (!policy) return;
    const link = linkOf(policy, request, publicUrl);
    const links: string[] = [];
    if (policy.deprecated) {
      void reply.header('deprecation', deprecationHeader(policy.deprecated));
      links.push(`<${link}>; rel="deprecation"; type="text/html"`);
    }
    if (policy.sunset) {
      void reply.header('sunset', sunsetHeader(policy.sunset));
      links.push(`<${link}>; rel="sunset"; type="text/html"`);
    }
    void reply.header('link', links.join(', '));
    if (policy.gone && policy.sunset && now() >= policy.sunset.getTime()) {
      const error = new LegacyError('GONE', `${method} ${family.prefix}${route.path} was retired on ${policy.sunset.toISOString().slice(0, 10)}; use the GraphQL API instead: ${link}`);
      return sendLegacyReply(reply, family.renderError(error, request));
    }
  };
}
