import { batch, computed, signal, type Signal } from '@preact/signals';
import { api } from './api.ts';
import { fill, plural, strings } from './strings.ts';
import type { Action, ActionResult, AdminComment, Counts, Queue, SearchField } from './types.ts';

const words = strings.queue;

interface Needs {
  site: Signal<string>;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  say: (message: string, undo?: { run: () => Promise<void>; until: string }) => void;
}

const comments = (n: number) => plural(words.comments, n);

/** The comment a link names in the fragment, `/admin/#comment-ID` (a webhook's chat message); null for none. */
export const commentInHash = (hash: string): number | null => {
  const id = /^#comment-(\d{1,15})$/.exec(hash)?.[1];
  return id === undefined ? null : Number(id);
};

/** The queue a comment is listed in, by its status. */
const QUEUE_OF: Record<AdminComment['status'], Queue> = { pending: 'pending', approved: 'approved', spam: 'spam', trash: 'trash', deleted: 'approved' };

/** One queue at a time: its rows, counts, search, selection and the focused row, with the actions on them. */
export function createQueueStore({ site, run, say }: Needs) {
  const queue = signal<Queue>('pending');
  const rows = signal<AdminComment[]>([]);
  const next = signal<number | null>(null);
  const counts = signal<Counts | null>(null);
  const search = signal<{ q: string; in: SearchField }>({ q: '', in: 'all' });
  const selected = signal<ReadonlySet<number>>(new Set());
  const focused = signal(0);
  const loading = signal(false);
  const focusedRow = computed(() => rows.value[focused.value]);

  async function refreshCounts() {
    const answer = await run(() => api.counts(site.value));
    if (answer) counts.value = answer;
  }

  /** Counts loads: an answer for a queue, site or search the moderator has since left is dropped. */
  let latest = 0;

  async function load(more: boolean) {
    const mine = ++latest;
    loading.value = true;
    const params = { queue: queue.value, site: site.value, ...search.value, before: more ? (next.value ?? undefined) : undefined };
    const [page] = await Promise.all([run(() => api.queue(params)), more ? undefined : refreshCounts()]);
    if (mine !== latest) return;
    batch(() => {
      loading.value = false;
      if (!page) return;
      rows.value = more ? [...rows.value, ...page.comments] : page.comments;
      next.value = page.next;
      if (!more) {
        selected.value = new Set();
        focused.value = 0;
      }
    });
  }

  /** Runs an action on some rows; the ones it changed leave this queue (or are updated in place). */
  async function act(action: Action, ids: readonly number[]) {
    if (!ids.length) return;
    const result = await run(() => api.act(action, [...ids]));
    if (!result) return;
    const done = new Set(result.done.map((d) => d.id));
    batch(() => {
      const index = focused.value;
      rows.value = rows.value.filter((row) => !done.has(row.id));
      selected.value = new Set([...selected.value].filter((id) => !done.has(id)));
      focused.value = Math.min(index, Math.max(0, rows.value.length - 1));
      const skipped = result.skipped.map((s) => fill(words.skippedItem, { id: s.id, reason: s.reason })).join(words.skippedSeparator);
      const message = [
        fill(words.actionDone, { action: words.done[action], comments: comments(result.done.length) }),
        action === 'delete' && result.done.length ? words.cannotUndo : '',
        skipped ? fill(words.skipped, { list: skipped }) : '',
      ];
      say(message.filter(Boolean).join(' '), undoOf(result));
    });
    await refreshCounts();
  }

  /** The notice's Undo for an action's result: puts its comments back and shows them again where they were. */
  function undoOf(result: ActionResult) {
    const undo = result.undo;
    if (!undo) return undefined;
    return {
      until: undo.expiresAt,
      run: async () => {
        const answer = await run(() => api.undo(undo.id));
        if (!answer) return say('');
        const statuses = [...new Set(answer.done.map((d) => d.to))].join(strings.common.listSeparator);
        say(fill(words.undone, { comments: comments(answer.done.length), statuses }));
        await load(false);
      },
    };
  }

  function replace(updated: AdminComment) {
    rows.value = rows.value.map((row) => (row.id === updated.id ? updated : row));
  }

  return {
    queue,
    rows,
    next,
    counts,
    search,
    selected,
    focused,
    loading,
    focusedRow,
    reload: () => load(false),
    loadMore: () => load(true),
    act,
    replace,
    refreshCounts,

    async open(next: Queue) {
      queue.value = next;
      await load(false);
    },

    /** Shows one comment alone, in the tab of its queue, to act on (a link to it); the held queue when it is gone. */
    async openComment(id: number) {
      const mine = ++latest;
      loading.value = true;
      const [answer] = await Promise.all([run(() => api.comment(id)), refreshCounts()]);
      if (mine !== latest) return;
      if (!answer) return load(false);
      batch(() => {
        loading.value = false;
        queue.value = QUEUE_OF[answer.comment.status];
        rows.value = [answer.comment];
        next.value = null;
        selected.value = new Set();
        focused.value = 0;
      });
    },

    async find(q: string, field: SearchField) {
      search.value = { q, in: field };
      await load(false);
    },

    toggle(id: number, on: boolean) {
      const copy = new Set(selected.value);
      if (on) copy.add(id);
      else copy.delete(id);
      selected.value = copy;
    },

    selectAll(on: boolean) {
      selected.value = new Set(on ? rows.value.map((row) => row.id) : []);
    },

    move(step: number) {
      focused.value = Math.max(0, Math.min(rows.value.length - 1, focused.value + step));
    },

    async edit(id: number, text: string) {
      const answer = await run(() => api.edit(id, text));
      if (answer) {
        replace(answer.comment);
        say(words.edited);
      }
      return !!answer;
    },

    async reply(id: number, text: string) {
      const answer = await run(() => api.reply(id, text));
      if (answer) {
        say(words.replied);
        await load(false);
      }
      return !!answer;
    },

    async pin(id: number, pinned: boolean) {
      const answer = await run(() => api.pin(id, pinned));
      if (answer) {
        replace(answer.comment);
        say(fill(pinned ? strings.common.pinnedOn : strings.common.unpinnedOn, { id }));
      }
    },

    async lock(row: AdminComment, locked: boolean) {
      if (!(await run(() => api.lock(row.site, row.page, locked)))) return;
      rows.value = rows.value.map((r) => (r.site === row.site && r.page === row.page ? { ...r, thread: { ...r.thread, locked } } : r));
      say(fill(locked ? strings.common.lockedOn : strings.common.reopenedOn, { page: row.page }));
    },

    async ban(row: AdminComment, kind: 'email' | 'ip' | 'account', until: string | null, reason: string) {
      const answer = await run(() => api.ban({ kind, comment: row.id, until, reason }));
      if (answer) {
        const values = { kind: strings.common.banKinds[kind], value: answer.ban.value };
        say(until ? fill(strings.common.bannedUntil, { ...values, date: new Date(until).toLocaleDateString() }) : fill(strings.common.banned, values));
      }
      return !!answer;
    },
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;
