import { useSignal } from '@preact/signals';
import { useStore } from '../context.ts';
import { api, type ThreadDetails } from '../api.ts';
import { fill, strings } from '../strings.ts';

const words = strings.threadDetails;

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
      store.say(fill(words.saved, { page: saved.thread.page }));
    }
  }

  const t = thread.value;
  return (
    <section class="thread-details">
      <h2>{words.heading}</h2>
      <form class="lock-form" onSubmit={look}>
        <label for="details-page">{words.page}</label>
        <input id="details-page" name="page" required maxLength={500} placeholder={words.pagePlaceholder} />
        <button type="submit">{words.lookUp}</button>
      </form>
      {t && (
        <form class="lock-form" key={t.page} onSubmit={save}>
          <p class="hint">{fill(words.now, { page: t.page, source: words.sources[t.source] })}</p>
          <label for="details-title">{words.title}</label>
          <input id="details-title" name="title" maxLength={300} defaultValue={t.title} />
          <label for="details-published">{words.published}</label>
          <input id="details-published" name="published" type="date" defaultValue={t.published?.slice(0, 10) ?? ''} />
          <button type="submit" class="primary">
            {strings.common.save}
          </button>
        </form>
      )}
    </section>
  );
}
