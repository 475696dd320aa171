import { batch, signal } from '@preact/signals';
import { api, ApiError } from './api.ts';
import { createQueueStore } from './queue-store.ts';
import type { Moderator } from './types.ts';

export type View = 'queue' | 'settings' | 'audit' | 'bans' | 'mail';

/** The admin view's state: who is signed in, what is shown, the message of the moment, and the queue. */
export function createAdminStore() {
  /** undefined while the session is being checked. */
  const moderator = signal<Moderator | null | undefined>(undefined);
  const view = signal<View>('queue');
  const sites = signal<string[]>([]);
  /** The site shown; '' for all sites. */
  const site = signal('');
  const notice = signal('');
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
          error.value = 'Your session has ended; sign in again.';
        });
      } else {
        error.value = caught instanceof Error ? caught.message : String(caught);
      }
      return undefined;
    }
  }

  const say = (message: string) => {
    notice.value = message;
  };

  const queue = createQueueStore({ site, run, say });

  async function enter(who: Moderator) {
    moderator.value = who;
    sites.value = (await run(api.sites))?.sites ?? [];
    await queue.reload();
  }

  return {
    moderator,
    view,
    sites,
    site,
    notice,
    error,
    queue,
    run,
    say,

    async start() {
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
        notice.value = 'Signed out.';
      });
    },

    show(next: View) {
      view.value = next;
      error.value = '';
    },

    async chooseSite(next: string) {
      site.value = next;
      await queue.reload();
    },
  };
}

export type AdminStore = ReturnType<typeof createAdminStore>;
export type Run = AdminStore['run'];
