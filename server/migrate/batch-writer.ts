import type { ImportRepo, ImportRow, RunState, ThreadTarget } from '../db/types.ts';
import type { SourceComment, SourceThread } from './records.ts';
import type { ImportSummary } from './summary.ts';
import { avatarKey } from '../comments/avatar-key.ts';
import type { Renderer } from './renderer.ts';

export interface WriterOptions {
  site: string;
  siteOverride: boolean;
  secret: string;
  clock: () => number;
  /** Comments rendered together. */
  batchSize: number;
  /** Comments written in one transaction. */
  commitSize: number;
}

/** Where a thread of the file goes: its site (the file's, unless --site overrides) and page. */
export function threadTarget(thread: SourceThread, options: Pick<WriterOptions, 'site' | 'siteOverride' | 'clock'>): ThreadTarget {
  return {
    site: options.siteOverride ? options.site : (thread.site ?? options.site),
    page: thread.page,
    title: thread.title,
    locked: thread.locked,
    createdAt: thread.createdAt ?? options.clock(),
    publishedAt: thread.publishedAt,
    metaSource: thread.metaSource,
    preferredId: thread.preferredId,
  };
}

type Item = { comment: SourceComment; thread: ThreadTarget };

/**
 * Collects comments into batches and writes each batch in one transaction.
 * While one batch is rendered (see renderer.ts) the next is read. Comments
 * already imported (by their source key) are not rendered or written again
 * but still resolve their replies; a reply whose parent comes later in the
 * file waits for it; replies whose parent never comes go to the top level.
 */
export function createBatchWriter(repo: ImportRepo, run: RunState, renderer: Renderer, options: WriterOptions, summary: ImportSummary) {
  let queue: Item[] = [];
  const eager: ThreadTarget[] = [];
  let inFlight: Promise<ImportRow[]> | null = null;
  const unwritten: ImportRow[] = [];
  const ready: ImportRow[] = [];
  const waiting = new Map<string, ImportRow[]>();

  const release = (ref: string) => {
    const children = waiting.get(ref);
    if (!children) return;
    waiting.delete(ref);
    ready.push(...children);
  };

  // Commenters come back: their avatar key (a keyed hash) is made once.
  const avatarKeys = new Map<string, string>();
  const avatarOf = (author: { email: string; name: string }) => {
    const id = author.email ? `e${author.email}` : `n${author.name}`;
    let key = avatarKeys.get(id);
    if (key === undefined) {
      if (avatarKeys.size >= 50_000) avatarKeys.clear();
      key = avatarKey(options.secret, author);
      avatarKeys.set(id, key);
    }
    return key;
  };

  const prepare = ({ comment: c, thread }: Item, html: string): ImportRow => ({
    thread,
    source: c.source,
    origin: c.origin,
    key: c.key,
    ref: c.ref,
    parentRef: c.parentRef,
    preferredId: c.preferredId,
    status: c.status,
    kind: c.kind,
    text: c.text,
    html,
    format: c.format,
    authorName: c.author.name,
    authorEmail: c.author.email,
    authorUrl: c.author.url,
    avatarKey: avatarOf(c.author),
    isModerator: c.author.isModerator,
    authorProvider: c.author.provider,
    ip: c.author.ip,
    userAgent: c.author.userAgent,
    registered: c.author.registered,
    sourceUser: c.author.user,
    notify: c.notify,
    likes: c.likes,
    createdAt: c.createdAt ?? thread.createdAt,
    editedAt: c.editedAt,
    pinnedAt: c.pinnedAt,
  });

  // Whether the last batch held comments imported before: while none turn up (a first import), the
  // look-up is skipped; a comment imported before is then still found when written, only rendered for nothing.
  let lookUp = true;

  /** Leaves out what is already imported and starts rendering the rest. */
  async function render(items: Item[]): Promise<ImportRow[]> {
    // Parley's own comments are matched by id, page and date, which only this look-up does: never skipped for them.
    const known =
      lookUp || run.unsortedKeys || items.some((item) => item.comment.source === 'parley')
        ? await repo.knownKeys(
            items.map(({ comment, thread }) => ({
              site: thread.site,
              source: comment.source,
              origin: comment.origin,
              key: comment.key,
              page: thread.page,
              id: comment.preferredId,
              createdAt: comment.createdAt ?? thread.createdAt,
            })),
          )
        : [];
    lookUp = known.some((id) => id !== undefined);
    const fresh = items.filter((item, index) => {
      const id = known[index];
      if (id === undefined) return true;
      summary.comments.alreadyImported++;
      run.refs.set(item.comment.ref, id);
      release(item.comment.ref);
      return false;
    });
    const html = await renderer.render(fresh.map((item) => item.comment.render));
    return fresh.map((item, index) => prepare(item, html[index]!));
  }

  async function write(rows: ImportRow[]): Promise<void> {
    const result = await repo.writeBatch(run, [...ready.splice(0), ...rows], eager.splice(0));
    summary.flattened += result.flattened;
    summary.orphans += result.detached;
    summary.comments.alreadyImported += result.duplicates;
    // Waiting rows first: a parent later in this same batch releases them at once.
    for (const row of result.waiting) waiting.set(row.parentRef!, [...(waiting.get(row.parentRef!) ?? []), row]);
    for (const row of result.inserted) {
      summary.comments.imported[row.status]++;
      if (row.kind !== 'comment') summary.comments.pingbacks++;
      release(row.ref);
    }
  }

  /** Writes the batch rendered so far and sends the queued one to be rendered. */
  async function step(): Promise<void> {
    const previous = inFlight;
    inFlight = queue.length ? render(queue) : null;
    inFlight?.catch(() => {}); // awaited at the next step; this only keeps Node from calling it unhandled meanwhile
    queue = [];
    if (previous) unwritten.push(...(await previous));
    // Few, large transactions: each commit rewrites the index pages it touched, so batches are rendered
    // in small numbers but written in large ones.
    if (unwritten.length >= options.commitSize || (!inFlight && (unwritten.length || ready.length || eager.length))) {
      await write(unwritten.splice(0));
    }
  }

  /** The waiting replies whose parent is not waiting itself: their parent is not coming. */
  function adoptOrphans(): void {
    const rows = [...waiting.values()].flat();
    const refs = new Set(rows.map((row) => row.ref));
    const roots = rows.filter((row) => !refs.has(row.parentRef!));
    for (const row of roots.length ? roots : rows) {
      waiting.delete(row.parentRef!);
      ready.push({ ...row, parentRef: null });
      summary.orphans++;
    }
  }

  return {
    async add(comment: SourceComment, thread: ThreadTarget): Promise<void> {
      queue.push({ comment, thread });
      if (queue.length >= options.batchSize) await step();
    },

    keepThread(thread: ThreadTarget): void {
      eager.push(thread);
    },

    async finish(): Promise<void> {
      while (queue.length || inFlight || unwritten.length || ready.length || eager.length) await step();
      while (waiting.size) {
        adoptOrphans();
        while (ready.length) await step();
      }
    },
  };
}

export type BatchWriter = ReturnType<typeof createBatchWriter>;
