import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { fill, strings } from '../strings.ts';

const words = strings.threadLock;

/** Lock or reopen the comments of any page of the site, even one no one has commented on yet. */
export function ThreadLockForm({ site }: { site: string }) {
  const store = useStore();
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const page = String(form.get('page') ?? '').trim();
    const locked = (event.submitter as HTMLButtonElement | null)?.value !== 'unlock';
    if (await store.run(() => api.lock(site, page, locked))) store.say(fill(locked ? strings.common.lockedOn : strings.common.reopenedOn, { page }));
  }
  return (
    <form class="lock-form" onSubmit={submit}>
      <h2>{words.heading}</h2>
      <label for="lock-page">{words.page}</label>
      <input id="lock-page" name="page" required maxLength={500} placeholder={words.pagePlaceholder} />
      <button type="submit" value="lock">
        {words.lock}
      </button>
      <button type="submit" value="unlock">
        {words.unlock}
      </button>
    </form>
  );
}
