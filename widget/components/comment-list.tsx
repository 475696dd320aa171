import { useStore } from '../context.ts';
import { Comment } from './comment.tsx';
import { CommentForm } from './comment-form.tsx';

/** The replies to `parent` (0: the top level) as a list, each followed by its own replies. */
export function CommentList({ parent }: { parent: number }) {
  const s = useStore();
  const kids = s.tree.value.get(parent);
  return kids ? (
    <ol class={parent ? 'parley-replies' : 'parley-list'}>
      {kids.map((c) => (
        <li key={c.id}>
          <Comment c={c} />
          {s.replyTo.value == c.id && <CommentForm />}
          <CommentList parent={c.id} />
        </li>
      ))}
    </ol>
  ) : null;
}
