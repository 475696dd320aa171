import type { Db } from './open.ts';
import { createCommentSurgery } from './comment-surgery.ts';
import { createGroupCommit } from './group-commit.ts';
import type { ChangeFeed } from './changes.ts';
import type { CommentRow, ThreadRow } from './rows.ts';
import type { Comment, CommentsRepo, NewComment, Thread } from './types.ts';
import { toComment, toThread } from './map.ts';
import { AppError } from '../errors.ts';
import { createThreadReads, REPLY_TO_NAME } from './thread-reads.ts';

/** Work other modules add to a write, inside its transaction (the moderation notes and audit row of a new comment). */
export interface CommentHooks {
  /** Runs inside the new comment's transaction (`tx`, the unit of work), after the insert. */
  afterPost?(tx: Db, comment: Comment, thread: Thread, input: NewComment): void;
  /** Runs inside an author's deletion of their comment, before it is erased (its webhook event). */
  afterDelete?(tx: Db, before: Comment, thread: Thread): void;
}

/** Comments and threads: each method is one unit of work. */
export function createCommentsRepo(db: Db, changes: ChangeFeed, hooks: CommentHooks = {}): CommentsRepo {
  const findThread = db.prepare<[string, string], ThreadRow>('SELECT * FROM threads WHERE site_id = ? AND page = ?');
  const reads = createThreadReads(db);
  const findComment = db.prepare<[number], CommentRow>(`SELECT c.*, ${REPLY_TO_NAME} FROM comments c WHERE c.id = ?`);
  const surgery = createCommentSurgery(db);
  const threadOf = db.prepare<[number], ThreadRow>('SELECT t.* FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = ?');
  const ensureSite = db.prepare('INSERT OR IGNORE INTO sites (id, created_at) VALUES (?, ?)');
  const upsertThread = db.prepare<[string, string, string, number], ThreadRow>(`
    INSERT INTO threads (site_id, page, title, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (site_id, page) DO UPDATE SET title = CASE WHEN threads.title = '' THEN excluded.title ELSE threads.title END
    RETURNING *`);
  /**
   * The same text by the same author (their account, else their email, else their name and address) among
   * their latest 100 comments on the thread: bounded work however much one author writes.
   */
  const recentBy = (who: string) =>
    db.prepare(`SELECT 1 FROM (SELECT text, status FROM comments WHERE thread_id = @thread AND ${who}
      ORDER BY created_at DESC LIMIT 100) WHERE text = @text AND status != 'deleted'`);
  const duplicate = {
    account: recentBy('account_id = @account'),
    email: recentBy('author_email = @email'),
    anonymous: recentBy("author_email = '' AND author_name = @name AND ip = @ip"),
  };
  const insert = db.prepare(`INSERT INTO comments
    (thread_id, parent_id, root_id, depth, status, kind, text, html, author_name, author_email, author_url, avatar_key,
     account_id, author_provider, is_moderator, ip, user_agent, edit_token_hash, notify, created_at, reply_to)
    VALUES (@thread, @parent, @root, @depth, @status, @kind, @text, @html, @name, @email, @url, @avatarKey,
     @account, @provider, @moderator, @ip, @userAgent, @tokenHash, @notify, @createdAt, @replyTo)`);
  const setRoot = db.prepare('UPDATE comments SET root_id = id WHERE id = ?');
  const adjustCount = db.prepare('UPDATE threads SET approved_count = approved_count + ? WHERE id = ?');
  const update = db.prepare('UPDATE comments SET text = @text, html = @html, edited_at = @editedAt WHERE id = @id');
  const holdEdit = db.prepare(`INSERT INTO pending_edits (comment_id, text, html, reason, created_at) VALUES (@id, @text, @html, @reason, @at)
    ON CONFLICT (comment_id) DO UPDATE SET text = excluded.text, html = excluded.html, reason = excluded.reason, created_at = excluded.created_at`);
  const dropEdit = db.prepare('DELETE FROM pending_edits WHERE comment_id = ?');
  /** A published edit replaces the text and any edit still held. */
  const applyEdit = db.transaction((id: number, edit: { text: string; html: string; editedAt: number }) => {
    update.run({ id, ...edit });
    dropEdit.run(id);
  });
  const addLike = db.prepare('INSERT OR IGNORE INTO likes (comment_id, voter, created_at) VALUES (?, ?, ?)');
  const dropLike = db.prepare('DELETE FROM likes WHERE comment_id = ? AND voter = ?');
  const bumpLikes = db.prepare<[number, number], { likes: number }>('UPDATE comments SET likes = likes + ? WHERE id = ? RETURNING likes');
  const counts = db.prepare<[string, string], { page: string; approved_count: number }>(
    'SELECT page, approved_count FROM threads WHERE site_id = ? AND page IN (SELECT value FROM json_each(?))',
  );
  const emailForAvatar = db.prepare<[string], { author_email: string }>(
    "SELECT author_email FROM comments WHERE avatar_key = ? AND author_email != '' LIMIT 1",
  );
  const ownedIds = db.prepare<[string], { id: number; edit_token_hash: string }>(
    'SELECT id, edit_token_hash FROM comments WHERE id IN (SELECT value FROM json_each(?)) AND edit_token_hash IS NOT NULL',
  );

  const inBatch = createGroupCommit(db);
  const post = db.transaction((input: NewComment) => {
    ensureSite.run(input.siteId, input.createdAt);
    const thread = upsertThread.get(input.siteId, input.page, input.title, input.createdAt)!;
    if (thread.locked) throw new AppError(403, 'thread_locked', 'Comments are closed on this page.');
    let parentId: number | null = null;
    let depth = 1;
    let rootId = 0;
    let replyTo: number | null = null;
    if (input.parentId !== null) {
      const parent = findComment.get(input.parentId);
      if (!parent || parent.thread_id !== thread.id || parent.status !== 'approved') {
        throw new AppError(400, 'parent_not_found', 'The comment you are replying to is not on this page.', 'parent');
      }
      const atMax = parent.depth >= input.maxDepth;
      parentId = atMax ? parent.parent_id : parent.id;
      depth = atMax ? parent.depth : parent.depth + 1;
      rootId = parentId === null ? 0 : parent.root_id;
      // Placed beside the comment it answers: remember that one, so the thread can say "in reply to".
      if (atMax) replyTo = parent.id;
    }
    const params = {
      thread: thread.id,
      text: input.text,
      account: input.accountId,
      email: input.authorEmail,
      name: input.authorName,
      ip: input.ip,
    };
    const sameAuthor = input.accountId !== null ? duplicate.account : input.authorEmail ? duplicate.email : duplicate.anonymous;
    if (sameAuthor.get(params)) {
      throw new AppError(409, 'duplicate_comment', "Duplicate comment detected; it looks as though you've already said that!");
    }
    const { lastInsertRowid } = insert.run({
      ...params,
      parent: parentId,
      root: rootId,
      depth,
      status: input.status,
      kind: input.kind ?? 'comment',
      html: input.html,
      url: input.authorUrl,
      avatarKey: input.avatarKey,
      provider: input.authorProvider ?? '',
      moderator: input.isModerator ? 1 : 0,
      userAgent: input.userAgent,
      tokenHash: input.editTokenHash,
      notify: input.notify ? 1 : 0,
      createdAt: input.createdAt,
      replyTo,
    });
    const id = Number(lastInsertRowid);
    if (rootId === 0) setRoot.run(id);
    if (input.status === 'approved') adjustCount.run(1, thread.id);
    const result = { comment: toComment(findComment.get(id)!), thread: toThread(findThread.get(input.siteId, input.page)!) };
    hooks.afterPost?.(db, result.comment, result.thread, input);
    return result;
  });

  /** Removes a comment, or blanks it to a placeholder when replies hang from it; tidies emptied placeholders above. */
  const erase = db.transaction((id: number) => {
    const thread = threadOf.get(id)!;
    const row = findComment.get(id)!;
    hooks.afterDelete?.(db, toComment(row), toThread(thread));
    return { thread, ...surgery.erase(row) };
  });

  const vote = db.transaction((id: number, voter: string, on: boolean, now: number) => {
    const changed = on ? addLike.run(id, voter, now).changes : dropLike.run(id, voter).changes;
    if (changed) return bumpLikes.get(on ? 1 : -1, id)!.likes;
    return findComment.get(id)!.likes;
  });

  return {
    async findThread(siteId, page) {
      const thread = findThread.get(siteId, page);
      return thread && toThread(thread);
    },

    listThread(q) {
      return reads.listThread(q);
    },

    listBranch(q) {
      return reads.listBranch(q);
    },

    listChain(q) {
      return reads.listChain(q);
    },

    async findComment(id) {
      const comment = findComment.get(id);
      return comment && { comment: toComment(comment), thread: toThread(threadOf.get(id)!) };
    },

    /** Of the given (id, token hash) pairs, the ids whose stored hash matches. */
    async provenOwner(claims) {
      if (!claims.length) return [];
      const stored = new Map(ownedIds.all(JSON.stringify(claims.map((c) => c.id))).map((r) => [r.id, r.edit_token_hash]));
      return claims.filter((c) => stored.get(c.id) === c.hash).map((c) => c.id);
    },

    /** Posts in the same turn of the event loop commit together (see group-commit.ts). */
    async postComment(input) {
      const result = await inBatch(() => post(input));
      changes.emit({ type: 'created', siteId: input.siteId, page: input.page, commentId: result.comment.id, status: result.comment.status });
      return result;
    },

    async editComment(id, edit) {
      applyEdit(id, edit);
      const { site_id, page } = threadOf.get(id)!;
      changes.emit({ type: 'edited', siteId: site_id, page, commentId: id });
      return toComment(findComment.get(id)!);
    },

    /** Keeps an edit the rules held, for a moderator to decide; the comment's public text stays as it was. */
    async holdEdit(id, edit) {
      holdEdit.run({ id, ...edit });
      const { site_id, page } = threadOf.get(id)!;
      changes.emit({ type: 'edited', siteId: site_id, page, commentId: id });
    },

    /** Deletes by its author: gone, or a placeholder when it has replies. */
    async deleteComment(id) {
      const { thread, placeholder } = erase(id);
      changes.emit({ type: 'deleted', siteId: thread.site_id, page: thread.page, commentId: id });
      return { placeholder };
    },

    async setLike(id, voter, on, now) {
      const likes = vote(id, voter, on, now);
      const { site_id, page } = threadOf.get(id)!;
      changes.emit({ type: 'liked', siteId: site_id, page, commentId: id });
      return likes;
    },

    async countPages(siteId, pages) {
      return new Map(counts.all(siteId, JSON.stringify(pages)).map((r) => [r.page, r.approved_count]));
    },

    async emailForAvatar(key) {
      return emailForAvatar.get(key)?.author_email;
    },

    async statusOf(id) {
      return findComment.get(id)?.status;
    },
  };
}
