import { useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { strings } from '../strings.ts';

/** The message of the moment, with an Undo button while the action it tells of can be taken back. */
export function Notice() {
  const store = useStore();
  const undo = store.noticeUndo.value;
  const [busy, setBusy] = useState(false);

  async function click() {
    if (!undo) return;
    setBusy(true);
    try {
      await undo();
    } finally {
      setBusy(false);
    }
  }

  return (
    <p class="notice" role="status">
      {store.notice.value}
      {undo && store.notice.value && (
        <>
          {' '}
          <button type="button" class="undo" disabled={busy} onClick={() => void click()}>
            {strings.queue.undo}
          </button>
        </>
      )}
    </p>
  );
}
