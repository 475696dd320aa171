import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import type { Settings } from '../types.ts';
import { ThreadLockForm } from './thread-lock-form.tsx';
import { ThreadDetailsForm } from './thread-details-form.tsx';
import { fill, strings } from '../strings.ts';

const words = strings.settings;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A site's moderation rules (WordPress's Discussion settings), saved at once. */
export function SettingsView() {
  const store = useStore();
  const site = store.site.value || store.sites.value[0] || 'default';
  const [loaded, setLoaded] = useState<{ site: string; settings: Settings; serverRequires: boolean } | null>(null);

  useEffect(() => {
    void store
      .run(() => api.settings(site))
      .then((answer) => answer && setLoaded({ site, settings: answer.settings, serverRequires: answer.serverDefaults.requireNameEmail }));
  }, [site]);

  if (!loaded || loaded.site !== site) return <p class="loading">{words.loading}</p>;
  const s = loaded.settings;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const require = String(form.get('requireNameEmail'));
    const next: Settings = {
      moderation: form.get('moderation') as Settings['moderation'],
      holdLinks: Number(form.get('holdLinks')),
      moderationWords: lines(String(form.get('moderationWords') ?? '')),
      blocklistWords: lines(String(form.get('blocklistWords') ?? '')),
      closeAfterDays: Number(form.get('closeAfterDays')),
      requireNameEmail: require === 'server' ? null : require === 'yes',
    };
    const answer = await store.run(() => api.saveSettings(site, next));
    if (answer) {
      setLoaded({ ...loaded!, settings: answer.settings });
      store.say(fill(words.saved, { site }));
    }
  }

  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">{fill(words.heading, { site })}</h1>
      <form class="settings" onSubmit={submit} key={site}>
        <fieldset>
          <legend>{words.moderation}</legend>
          {(
            [
              ['open', words.moderations.open],
              ['first-time', words.moderations.firstTime],
              ['all', words.moderations.all],
            ] as const
          ).map(([value, label]) => (
            <label key={value} class="choice">
              <input type="radio" name="moderation" value={value} defaultChecked={s.moderation === value} /> {label}
            </label>
          ))}
        </fieldset>
        <label for="holdLinks">{words.holdLinks}</label>
        <input id="holdLinks" name="holdLinks" type="number" min={0} max={1000} defaultValue={String(s.holdLinks)} required />
        <label for="moderationWords">{words.moderationWords}</label>
        <textarea id="moderationWords" name="moderationWords" rows={5} defaultValue={s.moderationWords.join('\n')} />
        <label for="blocklistWords">{words.blocklistWords}</label>
        <textarea id="blocklistWords" name="blocklistWords" rows={5} defaultValue={s.blocklistWords.join('\n')} />
        <label for="closeAfterDays">{words.closeAfterDays}</label>
        <input id="closeAfterDays" name="closeAfterDays" type="number" min={0} max={36500} defaultValue={String(s.closeAfterDays)} required />
        <label for="requireNameEmail">{words.requireNameEmail}</label>
        <select id="requireNameEmail" name="requireNameEmail" defaultValue={s.requireNameEmail === null ? 'server' : s.requireNameEmail ? 'yes' : 'no'}>
          <option value="server">{fill(words.requireAsServer, { value: loaded.serverRequires ? words.serverYes : words.serverNo })}</option>
          <option value="yes">{words.yes}</option>
          <option value="no">{words.no}</option>
        </select>
        <button type="submit" class="primary">
          {words.submit}
        </button>
      </form>
      <ThreadLockForm site={site} />
      <ThreadDetailsForm site={site} />
    </section>
  );
}
