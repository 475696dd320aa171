import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import type { Settings } from '../types.ts';
import { ThreadLockForm } from './thread-lock-form.tsx';
import { ThreadDetailsForm } from './thread-details-form.tsx';

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

  if (!loaded || loaded.site !== site) return <p class="loading">Loading settings…</p>;
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
      store.say(`Saved the rules for ${site}; they apply to the next comment.`);
    }
  }

  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings for {site}</h1>
      <form class="settings" onSubmit={submit} key={site}>
        <fieldset>
          <legend>Before a comment appears</legend>
          {(
            [
              ['open', 'Publish it at once'],
              ['first-time', 'Hold it if the author has no approved comment yet'],
              ['all', 'Hold every comment for a moderator'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} class="choice">
              <input type="radio" name="moderation" value={value} defaultChecked={s.moderation === value} /> {label}
            </label>
          ))}
        </fieldset>
        <label for="holdLinks">Hold a comment with this many links or more (0: never)</label>
        <input id="holdLinks" name="holdLinks" type="number" min={0} max={1000} defaultValue={String(s.holdLinks)} required />
        <label for="moderationWords">Moderation words: hold a comment whose text, name, email, website or IP address contains any of these (one a line)</label>
        <textarea id="moderationWords" name="moderationWords" rows={5} defaultValue={s.moderationWords.join('\n')} />
        <label for="blocklistWords">Blocklist: send a comment containing any of these straight to spam (one a line)</label>
        <textarea id="blocklistWords" name="blocklistWords" rows={5} defaultValue={s.blocklistWords.join('\n')} />
        <label for="closeAfterDays">Close comments on pages older than this many days (0: never)</label>
        <input id="closeAfterDays" name="closeAfterDays" type="number" min={0} max={36500} defaultValue={String(s.closeAfterDays)} required />
        <label for="requireNameEmail">Guests must give a name and email</label>
        <select id="requireNameEmail" name="requireNameEmail" defaultValue={s.requireNameEmail === null ? 'server' : s.requireNameEmail ? 'yes' : 'no'}>
          <option value="server">As the server says (REQUIRE_NAME_EMAIL: {loaded.serverRequires ? 'yes' : 'no'})</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
        <button type="submit" class="primary">
          Save settings
        </button>
      </form>
      <ThreadLockForm site={site} />
      <ThreadDetailsForm site={site} />
    </section>
  );
}
