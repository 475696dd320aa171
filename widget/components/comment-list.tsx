import { useStore } from '../context.ts';
import { Comment } from './comment.tsx';
import { CommentForm } from './comment-form.tsx';
import { act } from './on-demand.ts';

/** Top-level comments in the first paint: a screenful, so it is on screen sooner; mount.ts draws the rest, the form and Load more right after. */
const FIRST = 6;

/** The replies to `parent` (0: the top level) as a list, each followed by its own replies. */
export function CommentList({ parent }: { parent: number }) {
  const s = useStore();
  const kids = s.tree.value.get(parent);
  return kids ? (
    <ol class={parent ? 'parley-replies' : 'parley-list'}>
      {(parent || s.whole.value ? kids : kids.slice(0, FIRST)).map((c) => (
        <li key={c.id}>
          <Comment c={c} />
          {s.replyTo.value == c.id && <CommentForm />}
          <CommentList parent={c.id} />
          {!parent && s.branches.value[c.id] && <MoreReplies root={c.id} />}
        </li>
      ))}
    </ol>
  ) : null;
}

/** Under a branch that goes on beyond what is loaded: loads the rest of it. */
function MoreReplies({ root }: { root: number }) {
  const s = useStore();
  const state = s.branching.value?.root == root ? s.branching.value : null;
  return (
    <p>
      <button class="parley-more" onClick={() => act(s, root, (a) => a.loadBranch(s, root))} disabled={!!state && !state.failed}>
        {s.t.moreReplies}
      </button>
      {state?.failed && <span role="alert"> {s.t.loadFailed}</span>}
    </p>
  );
}
