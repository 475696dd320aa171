/**
 * What a reader needs only after interacting comes from the server on demand (SPEC §10): sign-in.js
 * when a thread offers sign-in, actions.js (Like, Edit, Report, Delete) when a reader first goes for
 * a comment's actions.
 */
import type { ThreadStore } from './store.ts';
import { chunk } from './chunks.ts';
import type { ApiError } from './types.ts';
import type { Actions, Kit } from './actions/kit.ts';

declare global {
  interface Window {
    /** Set by sign-in.js: draws the sign-in icons or the signed-in bar into `el`; returns a stop function. */
    ParleySignIn?: (el: HTMLElement, store: ThreadStore) => () => void;
    /** Set by actions.js: Like and its forms, made with the Preact that embed.js hands over. */
    ParleyActions?: (kit: Kit) => Actions;
    /** Set by moderate.js: a moderator's controls for thread `store`, made with embed.js's Preact (loaded by actions.js). */
    ParleyModerate?: (kit: Kit, store: ThreadStore) => Promise<void>;
  }
}

type OnDemand = 'ParleySignIn' | 'ParleyActions';

/** Scripts loaded or loading, by URL: each loads once per page. */
const scripts: Record<string, Promise<unknown>> = {};

/**
 * Loads `file` (its content-hashed name, see chunks.ts) from `base` once and resolves with the global it sets. When it cannot be loaded it rejects
 * with the `network` error (the reader reads "The comment server could not be reached.") and is
 * forgotten, so the next attempt loads it again.
 */
export function loadScript<K extends OnDemand>(base: string, file: string, global: K) {
  const src = base + chunk(file);
  scripts[src] ??= new Promise((resolve, reject) => {
    const fail = () => {
      delete scripts[src];
      reject({ code: 'network' } satisfies ApiError);
    };
    document.head.append(
      Object.assign(document.createElement('script'), {
        src,
        // The load event follows the script's run at once: its global is there now, or never will be.
        onload: () => (window[global] ? resolve(window[global]) : fail()),
        onerror: fail,
      }),
    );
  });
  return scripts[src] as Promise<NonNullable<Window[K]>>;
}
