import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { fill, strings } from '../strings.ts';
import type { Moderator, ReaderAccount } from '../types.ts';

const words = strings.accounts;

/** Readers' accounts, found by name or email, each with the moderator it moderates as from the thread (or none). */
export function AccountsView() {
  const store = useStore();
  const [accounts, setAccounts] = useState<ReaderAccount[]>([]);
  const [moderators, setModerators] = useState<Moderator[]>([]);
  const [q, setQ] = useState('');
  const load = (term: string) => store.run(() => api.accounts(term)).then((answer) => answer && setAccounts(answer.accounts));
  useEffect(() => {
    void load('');
    void store.run(api.moderators).then((answer) => answer && setModerators(answer.moderators));
  }, []);

  async function link(account: ReaderAccount, value: string) {
    const moderator = value ? Number(value) : null;
    const answer = await store.run(() => api.linkAccount(account.id, moderator));
    if (!answer) return;
    const email = moderators.find((m) => m.id === moderator)?.email ?? '';
    store.say(fill(moderator === null ? words.unlinked : words.linked, { name: account.name, email }));
    setAccounts(accounts.map((a) => (a.id === account.id ? answer.account : a)));
  }

  return (
    <section aria-labelledby="accounts-heading">
      <h1 id="accounts-heading">{words.heading}</h1>
      <p>{words.intro}</p>
      <form
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          void load(q);
        }}
      >
        <label for="accounts-q">{words.search}</label>
        <input id="accounts-q" type="search" value={q} maxLength={200} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">{words.find}</button>
      </form>
      {accounts.length ? (
        <table aria-label={words.tableLabel}>
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.provider}</th>
              <th scope="col">{words.email}</th>
              <th scope="col">{words.moderator}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <td>{account.name}</td>
                <td>{account.provider}</td>
                <td>{account.email}</td>
                <td>
                  <select
                    aria-label={fill(words.linkLabel, { name: account.name })}
                    value={account.moderator === null ? '' : String(account.moderator)}
                    onChange={(e) => void link(account, (e.currentTarget as HTMLSelectElement).value)}
                  >
                    <option value="">{words.nobody}</option>
                    {moderators.map((m) => (
                      <option key={m.id} value={String(m.id)}>
                        {m.email}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{words.empty}</p>
      )}
    </section>
  );
}
