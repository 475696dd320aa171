import { previewComment } from '../api.ts';
import { useSignal, useStore } from './kit.ts';

/** The Preview tab's panel: the comment as it would be published, rendered by the server (/api/preview). */
export function CommentPreview({ text }: { text: string }) {
  const s = useStore();
  const html = useSignal<string | null>(null);
  const asked = useSignal('');
  if (asked.value != text && text.trim()) {
    asked.value = text;
    previewComment(s.o.base, text).then(
      (res) => (html.value = res.html),
      (error) => (s.postError.value = error),
    );
  }
  return (
    <div role="tabpanel" class="parley-body parley-preview" dir="auto" aria-busy={!!text.trim() && html.value == null}>
      {text.trim() ? html.value != null && <div dangerouslySetInnerHTML={{ __html: html.value }} /> : s.t.previewEmpty}
    </div>
  );
}
