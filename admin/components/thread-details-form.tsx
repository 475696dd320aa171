import { useSignal } from '@preact/signals';
import { useStore } from '../context.ts';
import { api, type ThreadDetails } from '../api.ts';

const SOURCE = { poster: 'sent by the first commenter’s page', blog: 'read from the blog page', moderator: 'set by a moderator' };

/**
 * Correct a thread's title and publication date (what feeds, mails, this view and closing by age use):
 * look the page up, then save. Once saved here, the blog page is no longer read for them.
 */
export function ThreadDetailsForm({ site }: { site: string }) {
  const store = useStore();
  const thread = useSignal<ThreadDetails | null>(null);

  async function look(event: SubmitEvent) {
    event.preventDefault();
    const page = String(new FormData(event.currentTarget as HTMLFormElement).get('page') ?? '').trim();
    thread.value = (await store.run(() => api.thread(site, page)))?.thread ?? null;
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const published = String(form.get('published') ?? '');
    const saved = await store.run(() => api.saveThread(site, thread.value!.page, String(form.get('title') ?? ''), published || null));
    if (saved) {
      thread.value = saved.thread;
      store.say(`Saved the title and date of ${saved.thread.page}.`);
    }
  }

  const t = thread.value;
  return (
    <section class="thread-details">
      <h2>A thread’s title and date</h2>
      <form class="lock-form" onSubmit={look}>
        <label for="details-page">Page (its path)</label>
        <input id="details-page" name="page" required maxLength={500} placeholder="/2019/07/a-post/" />
        <button type="submit">Look up</button>
      </form>
      {t && (
        <form class="lock-form" key={t.page} onSubmit={save}>
          <p class="hint">
            {t.page}: now {SOURCE[t.source]}.
          </p>
          <label for="details-title">Title</label>
          <input id="details-title" name="title" maxLength={300} defaultValue={t.title} />
          <label for="details-published">Published</label>
          <input id="details-published" name="published" type="date" defaultValue={t.published?.slice(0, 10) ?? ''} />
          <button type="submit" class="primary">
            Save
          </button>
        </form>
      )}
    </section>
  );
}
