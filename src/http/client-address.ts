import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Whether the hop at `address`, `hop` steps from this server, may say who the client is. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as one function, for Fastify's `trustProxy` and for requests Fastify never sees (a
 * WebSocket upgrade): nobody, every hop, the nearest N hops, or the addresses and ranges named.
 */
export function proxyTrust(setting: boolean | number | string[]): ProxyTrust {
  if (typeof setting === 'boolean') return () => setting;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting);
}

/** The client's address as Fastify's `request.ip` reads it: X-Forwarded-For as far as `trust` allows. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string | null {
  return request.socket.remoteAddress === undefined ? null : proxyAddr(request, trust);
}
