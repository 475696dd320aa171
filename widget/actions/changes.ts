/**
 * What a reader does to a comment once it is drawn: like it, edit or delete their own, report someone
 * else's. The requests go out from here (as sign-in.js's do), and the store shows the outcome.
 */
import { deleteComment, editComment, likeComment, reportComment } from '../api.ts';
import { readerId, write } from '../storage.ts';
import type { ThreadStore } from '../store.ts';
import { dropped } from './live.ts';
import type { ApiError, Comment } from '../types.ts';

/** Runs a request about comment `id`; when the server no longer has it, it leaves the thread and the browser forgets it. */
async function about<T>(s: ThreadStore, id: number, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if ((error as ApiError).code == 'not_found') dropped(s, id, false);
    throw error;
  }
}

/** Likes or unlikes; the liked ids (the last 500) are remembered across visits. */
export async function like(s: ThreadStore, id: number) {
  const res = await about(s, id, likeComment(s.o.base, id, !s.liked.value.includes(id), readerId()));
  s.liked.value = [...s.liked.value.filter((x) => x != id), ...(res.liked ? [id] : [])].slice(-500);
  write('liked', s.liked.value);
  s.likes(id, res.likes);
}

export async function edit(s: ThreadStore, id: number, text: string) {
  const res = await about(s, id, editComment(s.o.base, id, text, s.token(id)));
  // Shown (or, when the edit is held, the approved version stays), and its Markdown kept for the next Edit.
  s.sources.set(id, text);
  // Both before the next drawing (Preact draws after the task), so the text and the held mark change together.
  s.put({ ...res.comment, mine: true });
  s.heldEdits.value = [...s.heldEdits.value.filter((x) => x != id), ...(res.editPending ? [id] : [])];
}

/** The Markdown of one's own comment, when known: typed in this visit, or sent by the server to its author. */
export const source = (s: ThreadStore, c: Comment) => s.sources.get(c.id) ?? c.text;

/** A comment with replies stays as a placeholder, so the thread keeps its shape; its token and liked mark go. */
export async function remove(s: ThreadStore, id: number) {
  await about(s, id, deleteComment(s.o.base, id, s.token(id)));
  dropped(s, id);
  s.asking.value = null;
}

/** Once per reader: the reported ids are remembered across visits, and the form closes. */
export async function report(s: ThreadStore, id: number, reason: string) {
  await about(s, id, reportComment(s.o.base, id, reason, readerId()));
  s.reported.value = [...s.reported.value, id].slice(-500);
  write('reported', s.reported.value);
  s.reporting.value = null;
}
