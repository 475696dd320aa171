import { useStore } from '../context.ts';
import type { View } from '../store.ts';
import { QueueView } from './queue-view.tsx';
import { SettingsView } from './settings-view.tsx';
import { AuditView } from './audit-view.tsx';
import { BansView } from './bans-view.tsx';
import { MailView } from './mail-view.tsx';
import { WebhooksView } from './webhooks-view.tsx';
import { AccountsView } from './accounts-view.tsx';
import { Notice } from './notice.tsx';
import { strings } from '../strings.ts';

const words = strings.workspace;

const VIEWS: View[] = ['queue', 'settings', 'audit', 'bans', 'accounts', 'mail', 'webhooks'];

/** Header with the site picker and sign-out, the view switcher, and the current view. */
export function Workspace() {
  const store = useStore();
  const view = store.view.value;
  return (
    <>
      <header class="top">
        <p class="brand">{words.brand}</p>
        <label class="site-picker">
          {words.site}{' '}
          <select value={store.site.value} onChange={(e) => void store.chooseSite((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{words.allSites}</option>
            {store.sites.value.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </label>
        <span class="who">{store.moderator.value?.email}</span>
        <button type="button" onClick={() => void store.signOut()}>
          {words.signOut}
        </button>
      </header>
      <nav aria-label={words.sectionsLabel} class="sections">
        {VIEWS.map((id) => (
          <button key={id} type="button" aria-current={view === id ? 'page' : undefined} onClick={() => store.show(id)}>
            {words.sections[id]}
          </button>
        ))}
      </nav>
      <main>
        <Notice />
        {store.error.value && (
          <p class="error" role="alert">
            {store.error.value}
          </p>
        )}
        {view === 'queue' ? (
          <QueueView />
        ) : view === 'settings' ? (
          <SettingsView />
        ) : view === 'audit' ? (
          <AuditView />
        ) : view === 'mail' ? (
          <MailView />
        ) : view === 'webhooks' ? (
          <WebhooksView />
        ) : view === 'accounts' ? (
          <AccountsView />
        ) : (
          <BansView />
        )}
      </main>
    </>
  );
}
