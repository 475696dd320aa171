/**
 * Where a webhook may go. The owner names the targets, but a name can be made to resolve
 * anywhere later (DNS rebinding): a delivery connects only to an address checked here, at
 * delivery time. Loopback is allowed when the URL names it (a receiver on this machine);
 * private networks only with WEBHOOK_ALLOW_PRIVATE; link-local (a cloud's metadata service)
 * and unspecified addresses never.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { isPrivateAddress } from '../avatar/public-address.ts';

export type Lookup = typeof dnsLookup;

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addAddress('::', 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return isIP(a) !== 0 && LOOPBACK.check(a, family(a));
}

/** A URL's host that names this machine: `localhost`, 127.0.0.0/8 or ::1. */
export const isLoopbackHost = (hostname: string) =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || isLoopbackAddress(hostname.replace(/^\[|\]$/g, ''));

/** Why a target may not be reached at `address`, or null when it may. */
export function refusedAddress(address: string, allowPrivate: boolean): string | null {
  const a = unmapped(address);
  if (NEVER.check(a, family(a))) return `must not point at ${address}, a link-local or unspecified address`;
  if (isPrivateAddress(a) && !allowPrivate) return `must not point at ${address}, a private-network address (set WEBHOOK_ALLOW_PRIVATE=true to allow it)`;
  return null;
}

/**
 * A resolver for one delivery: every address the name resolves to must be allowed (else the
 * request fails with the reason), and the connection goes to the first of them. A URL that names
 * loopback may reach loopback (and only loopback).
 */
export function guardedLookup(allowPrivate: boolean, loopbackUrl: boolean, lookup: Lookup = dnsLookup): Lookup {
  // biome-ignore lint/suspicious/noExplicitAny: dns.lookup's callback has several shapes (one address, all of them)
  const wrapped = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...args: any[]) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      for (const { address } of addresses) {
        const refused = loopbackUrl
          ? isLoopbackAddress(address)
            ? null
            : `${hostname} resolves to ${address}, not a loopback address`
          : refusedAddress(address, allowPrivate);
        if (refused) return callback(Object.assign(new Error(`the target ${refused}`), { code: 'EREFUSEDTARGET' }));
      }
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return wrapped as unknown as Lookup;
}
