/**
 * What a reader does to one comment through actions.js's forms: edit or delete their own, report
 * someone else's. The requests go out from here (like sign-in.js's), and the store shows the outcome.
 */
import { deleteComment, editComment, reportComment } from '../api.ts';
import { readerId, write } from '../storage.ts';
import type { ThreadStore } from '../store.ts';

export async function edit(s: ThreadStore, id: number, text: string) {
  const res = await editComment(s.o.base, id, text, s.token(id));
  s.edited(res.comment, text);
}

/** A comment with replies stays as a placeholder, so the thread keeps its shape. */
export async function remove(s: ThreadStore, id: number) {
  await deleteComment(s.o.base, id, s.token(id));
  s.dropped(id);
  s.asking.value = null;
}

/** Once per reader: the reported ids are remembered across visits, and the form closes. */
export async function report(s: ThreadStore, id: number, reason: string) {
  await reportComment(s.o.base, id, reason, readerId());
  write('reported', (s.reported.value = [...s.reported.value, id].slice(-500)));
  s.reporting.value = null;
}
