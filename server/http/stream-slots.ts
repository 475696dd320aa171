import { AppError } from '../errors.ts';
import { hostAndNetwork } from './networks.ts';

export interface StreamLimits {
  /** Open streams in all: what bounds the memory they take. */
  total: number;
  /** Per host (an IPv4 address, an IPv6 /64). */
  perHost: number;
  /** Per network (an IPv4 /24, an IPv6 /56). */
  perNetwork: number;
}

export interface StreamSlot {
  /** Gives the slot back (idempotent; a no-op once evicted). */
  release(): void;
  /** Runs `listener` when the slot is taken away for a newcomer (at once if that already happened). */
  onEvict(listener: () => void): void;
}

interface Slot extends StreamSlot {
  readonly seq: number;
  readonly host: string;
  readonly network: string;
  evict(): void;
}

const isLoopback = (ip: string) => /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(ip) || ip === '::1';

const tooMany = (what: string) => new AppError(429, 'rate_limited', `Too many live connections from this ${what}.`, undefined, { 'Retry-After': '60' });

/**
 * Who holds the live-update streams. A host and a network may each hold only
 * so many (429 past that; loopback excepted); when all `total` are taken, a newcomer is still let
 * in and the oldest stream of the network holding the most gives way — so a
 * few clients, or a few networks of them, can fill the server but never lock
 * a new reader out.
 */
export function createStreamSlots(limits: StreamLimits) {
  const perHost = new Map<string, number>();
  /** Each network's slots, oldest first (a Set keeps insertion order). */
  const perNetwork = new Map<string, Set<Slot>>();
  let open = 0;
  let seq = 0;

  function forget(slot: Slot): void {
    const held = perNetwork.get(slot.network)!;
    held.delete(slot);
    if (!held.size) perNetwork.delete(slot.network);
    const left = perHost.get(slot.host)! - 1;
    if (left > 0) perHost.set(slot.host, left);
    else perHost.delete(slot.host);
    open -= 1;
  }

  /** The oldest slot of the network holding the most (of those tied, the one whose oldest is oldest). */
  function victim(): Slot | undefined {
    let chosen: Slot | undefined;
    let most = 0;
    for (const held of perNetwork.values()) {
      const oldest = held.values().next().value!;
      if (held.size > most || (held.size === most && oldest.seq < chosen!.seq)) {
        most = held.size;
        chosen = oldest;
      }
    }
    return chosen;
  }

  return {
    get open(): number {
      return open;
    },

    /**
     * A slot for a new stream from `ip`; 429 when its host or network holds its share already.
     * Loopback has no share: it is this machine, or a reverse proxy in front that TRUST_PROXY
     * does not see through, where every reader would otherwise count as one host.
     */
    take(ip: string): StreamSlot {
      const { host, network } = hostAndNetwork(ip);
      if (!isLoopback(ip)) {
        if ((perHost.get(host) ?? 0) >= limits.perHost) throw tooMany('address');
        if ((perNetwork.get(network)?.size ?? 0) >= limits.perNetwork) throw tooMany('network');
      }
      if (open >= limits.total) victim()?.evict();

      let state: 'open' | 'released' | 'evicted' = 'open';
      const listeners: Array<() => void> = [];
      const slot: Slot = {
        seq: seq++,
        host,
        network,
        release() {
          if (state !== 'open') return;
          state = 'released';
          forget(slot);
        },
        onEvict(listener) {
          if (state === 'evicted') listener();
          else listeners.push(listener);
        },
        evict() {
          if (state !== 'open') return;
          state = 'evicted';
          forget(slot);
          for (const listener of listeners.splice(0)) listener();
        },
      };
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      if (!perNetwork.has(network)) perNetwork.set(network, new Set());
      perNetwork.get(network)!.add(slot);
      open += 1;
      return slot;
    },
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
