import ipaddr from 'ipaddr.js';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * True only for an address on the public internet. Loopback, RFC 1918, link-local, unique-local,
 * unspecified, CGNAT, multicast, broadcast, documentation and other special ranges are not, and
 * neither is an IPv4-mapped or IPv4-compatible IPv6 address of any of them.
 */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.process(address);
  if (
    parsed.kind() === 'ipv6' &&
    parsed
      .toByteArray()
      .slice(0, 12)
      .every((byte) => byte === 0)
  ) {
    return false; // ::a.b.c.d, the deprecated IPv4-compatible form, and ::/96 in general
  }
  return parsed.range() === 'unicast';
}

/** Raised through a socket when the host resolved to an address the policy refuses. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(readonly hostname: string) {
    super(`${hostname} resolves to an address that is not public`);
    this.name = 'BlockedAddressError';
  }
}

export type DnsLookup = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for http(s).request that resolves with `resolve` and fails with BlockedAddressError
 * when any address of the host is refused by `allow`. The socket connects only to addresses this
 * returns, so a DNS answer that changes between a check and the connection cannot get through.
 */
export function guardedLookup(resolve: DnsLookup, allow: (address: string) => boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || addresses.some((entry) => !allow(entry.address))) {
        return callback(new BlockedAddressError(hostname), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
