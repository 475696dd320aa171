import { batch, signal } from '@preact/signals';
import { api, ApiError } from './api.ts';
import { commentInHash, createQueueStore } from './queue-store.ts';
import { strings } from './strings.ts';
import type { Moderator } from './types.ts';

export type View = 'queue' | 'settings' | 'audit' | 'bans' | 'mail' | 'accounts' | 'webhooks';

/** The admin view's state: who is signed in, what is shown, the message of the moment, and the queue. */
export function createAdminStore() {
  /** undefined while the session is being checked. */
  const moderator = signal<Moderator | null | undefined>(undefined);
  const view = signal<View>('queue');
  const sites = signal<string[]>([]);
  /** The site shown; '' for all sites. */
  const site = signal('');
  const notice = signal('');
  /** What the notice's Undo button does, while the action it tells of can be undone. */
  const noticeUndo = signal<(() => Promise<void>) | null>(null);
  const error = signal('');

  /** Runs a request; a 401 returns to the sign-in form, other failures show their message. */
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    error.value = '';
    try {
      return await work();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401 && moderator.value) {
        batch(() => {
          moderator.value = null;
          error.value = strings.errors.sessionEnded;
        });
      } else {
        error.value = caught instanceof Error ? caught.message : String(caught);
      }
      return undefined;
    }
  }

  /** Shows a notice; `undo` adds an Undo button to it until `until` (an ISO time), or until the next notice. */
  const say = (message: string, undo?: { run: () => Promise<void>; until: string }) => {
    clearTimeout(undoTimer);
    batch(() => {
      notice.value = message;
      noticeUndo.value = undo?.run ?? null;
    });
    if (undo) undoTimer = setTimeout(() => (noticeUndo.value = null), Math.max(0, Date.parse(undo.until) - Date.now()));
  };
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  const queue = createQueueStore({ site, run, say });

  /** A link to one comment (`#comment-ID`, from a chat message) opens it in the queue; else the held queue. */
  function openLinked() {
    const id = commentInHash(location.hash);
    if (id === null) return queue.reload();
    view.value = 'queue';
    return queue.openComment(id);
  }

  async function enter(who: Moderator) {
    moderator.value = who;
    sites.value = (await run(api.sites))?.sites ?? [];
    await openLinked();
  }

  return {
    moderator,
    view,
    sites,
    site,
    notice,
    noticeUndo,
    error,
    queue,
    run,
    say,

    async start() {
      // A second link followed while this view is open changes only the fragment.
      addEventListener('hashchange', () => {
        if (moderator.value && commentInHash(location.hash) !== null) void openLinked();
      });
      try {
        await enter((await api.me()).moderator);
      } catch {
        moderator.value = null;
      }
    },

    async signIn(email: string, password: string): Promise<boolean> {
      error.value = '';
      try {
        await enter((await api.signIn(email, password)).moderator);
        return true;
      } catch (caught) {
        error.value = caught instanceof Error ? caught.message : String(caught);
        return false;
      }
    },

    async signOut() {
      await run(api.signOut);
      batch(() => {
        moderator.value = null;
        notice.value = strings.signIn.signedOut;
      });
    },

    show(next: View) {
      batch(() => {
        // A notice tells of what was done on the screen left (its Undo acts there): another screen starts without it.
        if (next !== view.value) {
          notice.value = '';
          noticeUndo.value = null;
        }
        view.value = next;
        error.value = '';
      });
    },

    async chooseSite(next: string) {
      site.value = next;
      await queue.reload();
    },
  };
}

export type AdminStore = ReturnType<typeof createAdminStore>;
export type Run = AdminStore['run'];
