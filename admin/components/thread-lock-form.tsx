import { useStore } from '../context.ts';
import { api } from '../api.ts';

/** Lock or reopen the comments of any page of the site, even one no one has commented on yet. */
export function ThreadLockForm({ site }: { site: string }) {
  const store = useStore();
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const page = String(form.get('page') ?? '').trim();
    const locked = (event.submitter as HTMLButtonElement | null)?.value !== 'unlock';
    if (await store.run(() => api.lock(site, page, locked))) store.say(locked ? `Locked comments on ${page}.` : `Reopened comments on ${page}.`);
  }
  return (
    <form class="lock-form" onSubmit={submit}>
      <h2>Lock a thread</h2>
      <label for="lock-page">Page (its path, as in data-page)</label>
      <input id="lock-page" name="page" required maxLength={500} placeholder="/2019/07/a-post/" />
      <button type="submit" value="lock">
        Lock
      </button>
      <button type="submit" value="unlock">
        Unlock
      </button>
    </form>
  );
}
