/**
 * Fetches one blog page to learn its title and date (page-meta.ts), as an
 * attacker would want it not to: only from the configured origin (redirects
 * followed only when they stay on it), never to a loopback or link-local
 * address unless the origin itself is one (a name that resolves there is
 * refused: DNS rebinding), within a time limit and a size cap.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { parsePageMeta, type PageMeta } from './page-meta.ts';

/** The resolver a fetch uses (node:dns's `lookup` unless a test gives its own). */
export type Lookup = typeof dnsLookup;

export interface FetchPageOptions {
  timeoutMs: number;
  /** The most bytes of the page read; its head comes first, so the rest is not needed. */
  maxBytes: number;
  maxRedirects: number;
  lookup?: Lookup;
  now: number;
}

export const FETCH_DEFAULTS = { timeoutMs: 5000, maxBytes: 256 * 1024, maxRedirects: 3 } as const;

export type FetchOutcome = { ok: true; meta: PageMeta } | { ok: false; reason: string };

/** Loopback, link-local and unspecified addresses: the machine itself and its cloud's metadata service. */
export function isInternalAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return /^(127\.|0\.|169\.254\.)/.test(v4);
  const v6 = address.toLowerCase();
  return v6 === '::1' || v6 === '::' || /^fe[89ab]/.test(v6);
}

const isInternalHost = (hostname: string) => hostname === 'localhost' || hostname.endsWith('.localhost') || isInternalAddress(hostname.replace(/^\[|\]$/g, ''));

/** A resolver that refuses names resolving to an internal address. */
function guarded(lookup: Lookup): Lookup {
  // biome-ignore lint/suspicious/noExplicitAny: dns.lookup's callback has several shapes (one address, all of them)
  const wrapped = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...args: any[]) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const internal = addresses.find((a) => isInternalAddress(a.address));
      if (internal) return callback(Object.assign(new Error(`${hostname} resolves to ${internal.address}, an internal address`), { code: 'EINTERNAL' }));
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return wrapped as unknown as Lookup;
}

/** One GET, no redirect followed; the body read up to `maxBytes`. */
function get(url: URL, o: FetchPageOptions, lookup: Lookup | undefined, signal: AbortSignal) {
  return new Promise<{ status: number; location: string | undefined; type: string; body: string }>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'GET',
        signal,
        ...(lookup ? { lookup } : {}),
        headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Parley comment server (reads the post title)' },
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const type = String(response.headers['content-type'] ?? '');
        if (status !== 200) {
          response.resume();
          return resolve({ status, location: response.headers.location, type, body: '' });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status, location: undefined, type, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          const room = o.maxBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (size >= o.maxBytes) {
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The title and date of `page` on `origin`, or why they could not be read. */
export async function fetchPageMeta(origin: string, page: string, o: FetchPageOptions): Promise<FetchOutcome> {
  let url: URL;
  try {
    url = new URL(page, origin);
  } catch {
    return { ok: false, reason: 'the page is not a path on the blog' };
  }
  if (url.origin !== origin) return { ok: false, reason: 'the page is not a path on the blog' };
  // An internal origin is the owner's choice (a blog on this machine); a public one may not lead inside.
  const lookup = isInternalHost(url.hostname) ? o.lookup : guarded(o.lookup ?? dnsLookup);
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    for (let hops = 0; ; hops++) {
      const answer = await get(url, o, lookup, signal);
      if (answer.status >= 300 && answer.status < 400 && answer.location !== undefined) {
        const next = new URL(answer.location, url);
        if (next.origin !== origin) return { ok: false, reason: `it redirects off ${origin} (to ${next.origin})` };
        if (hops >= o.maxRedirects) return { ok: false, reason: 'too many redirects' };
        url = next;
        continue;
      }
      if (answer.status !== 200) return { ok: false, reason: `the blog answered ${answer.status}` };
      if (answer.type && !/html/i.test(answer.type)) return { ok: false, reason: `the page is ${answer.type}, not HTML` };
      return { ok: true, meta: parsePageMeta(answer.body, o.now) };
    }
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${o.timeoutMs / 1000} s` : (error as Error).message;
    return { ok: false, reason };
  }
}
