import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { fill, strings } from '../strings.ts';
import type { WebhookStatus } from '../types.ts';

const words = strings.webhooks;

/** The webhook targets, how many deliveries wait, landed and failed, and the latest ones, each failed one with a Retry button. */
export function WebhooksView() {
  const store = useStore();
  const [status, setStatus] = useState<WebhookStatus | null>(null);
  const [onlyFailed, setOnlyFailed] = useState(false);
  const load = (failed = onlyFailed) => store.run(() => api.webhooks(failed)).then((answer) => answer && setStatus(answer));
  useEffect(() => void load(), []);

  async function retry(id: number) {
    if (!(await store.run(() => api.retryWebhook(id)))) return;
    store.say(words.retried);
    await load();
  }

  const heading = <h1 id="webhooks-heading">{words.heading}</h1>;
  if (!status) return <section aria-labelledby="webhooks-heading">{heading}</section>;
  const { counts } = status;
  return (
    <section aria-labelledby="webhooks-heading">
      {heading}
      {status.enabled ? (
        <ul class="webhook-targets" aria-label={words.targetsLabel}>
          {status.targets.map((t) => (
            <li key={t.target + t.format}>{fill(words.target, { target: t.target, format: words.formats[t.format] ?? t.format })}</li>
          ))}
        </ul>
      ) : (
        <p class="hint">{words.off}</p>
      )}
      <p class="mail-counts">
        {fill(words.counts, counts)}{' '}
        <button type="button" onClick={() => void load()}>
          {words.refresh}
        </button>{' '}
        <label>
          <input
            type="checkbox"
            checked={onlyFailed}
            onChange={(e) => {
              const checked = (e.currentTarget as HTMLInputElement).checked;
              setOnlyFailed(checked);
              void load(checked);
            }}
          />{' '}
          {words.onlyFailed}
        </label>
      </p>
      {status.deliveries.length ? (
        <section class="table-scroll" tabIndex={0} aria-label={words.tableLabel}>
          <table class="audit">
            <caption>{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.columns.at}</th>
                <th scope="col">{words.columns.event}</th>
                <th scope="col">{words.columns.target}</th>
                <th scope="col">{words.columns.state}</th>
                <th scope="col">{words.columns.attempts}</th>
                <th scope="col">{words.columns.lastError}</th>
                <th scope="col">
                  <span class="visually-hidden">{words.columns.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    <time dateTime={d.createdAt}>{new Date(d.createdAt).toLocaleString()}</time>
                  </td>
                  <td>{words.events[d.event] ?? d.event}</td>
                  <td>{d.target}</td>
                  <td>{d.lastStatus ? fill(words.stateWithStatus, { state: words.states[d.state], status: d.lastStatus }) : words.states[d.state]}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError}</td>
                  <td>
                    {d.state === 'failed' && (
                      <button type="button" onClick={() => void retry(d.id)}>
                        {fill(words.retry, { id: d.id })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p class="empty">{onlyFailed ? words.noneFailed : words.empty}</p>
      )}
    </section>
  );
}
