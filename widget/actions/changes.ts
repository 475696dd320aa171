/**
 * What a reader does to a comment once it is drawn: like it, edit or delete their own, report someone
 * else's. The requests go out from here (as sign-in.js's do), and the store shows the outcome.
 */
import { deleteComment, editComment, likeComment, reportComment } from '../api.ts';
import { readerId, write } from '../storage.ts';
import type { ThreadStore } from '../store.ts';
import { dropped } from './live.ts';
import type { ApiError } from '../types.ts';

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
  write('liked', (s.liked.value = [...s.liked.value.filter((x) => x != id), ...(res.liked ? [id] : [])].slice(-500)));
  s.likes(id, res.likes);
}

export async function edit(s: ThreadStore, id: number, text: string) {
  const res = await about(s, id, editComment(s.o.base, id, text, s.token(id)));
  s.edited(res.comment, text, res.editPending);
}

/** A comment with replies stays as a placeholder, so the thread keeps its shape; its token and liked mark go. */
export async function remove(s: ThreadStore, id: number) {
  await about(s, id, deleteComment(s.o.base, id, s.token(id)));
  dropped(s, id);
  s.asking.value = null;
}

/** Once per reader: the reported ids are remembered across visits, and the form closes. */
export async function report(s: ThreadStore, id: number, reason: string) {
  await about(s, id, reportComment(s.o.base, id, reason, readerId()));
  write('reported', (s.reported.value = [...s.reported.value, id].slice(-500)));
  s.reporting.value = null;
}
