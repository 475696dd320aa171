import { AppError } from '../errors.ts';
import { hostAndNetwork } from './networks.ts';

/** Reads that skip the response cache one host may have in flight at once. */
export const PERSONAL_READS_PER_HOST = 8;

const isLoopback = (ip: string) => /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(ip) || ip === '::1';

/**
 * Bounds the reads of a thread that the response cache cannot answer — those
 * sent with `X-Parley-Tokens` or `Authorization`, whose answers are personal.
 * Each costs queries and a JSON body; a client firing thousands at once would
 * keep the database and the event loop for itself. So a host (an IPv4 address,
 * an IPv6 /64) may have only `perHost` of them in flight; past that it gets
 * 429 `too_many_reads` with `Retry-After`, while other hosts, and every public
 * read (answered from the cache, or counted here not at all), go on.
 *
 * A reader's widget makes one such read at a time, so the share is far above
 * what a person (or an office behind one address) needs. Loopback has no
 * share, as for live-update streams: it is this machine, or a reverse proxy
 * that TRUST_PROXY should be set for, where every reader would count as one host.
 */
export function createPersonalReads(perHost = PERSONAL_READS_PER_HOST) {
  const inFlight = new Map<string, number>();

  return {
    /** Counts one read from `ip` until the returned release is called; 429 past the host's share. */
    enter(ip: string): () => void {
      if (isLoopback(ip)) return () => {};
      const { host } = hostAndNetwork(ip);
      const held = inFlight.get(host) ?? 0;
      if (held >= perHost) {
        throw new AppError(429, 'too_many_reads', 'Too many reads at once from this address; try again in a second.', undefined, {
          'Retry-After': '1',
        });
      }
      inFlight.set(host, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = inFlight.get(host)! - 1;
        if (left > 0) inFlight.set(host, left);
        else inFlight.delete(host);
      };
    },
  };
}

export type PersonalReads = ReturnType<typeof createPersonalReads>;
