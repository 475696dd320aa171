import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import { fill, fillParts, strings } from '../strings.ts';
import type { MailStatus } from '../types.ts';

const words = strings.mail;

/** The outbox: how many mails wait, are being sent, were sent and failed; the failed ones with their error and a Retry button. */
export function MailView() {
  const store = useStore();
  const [status, setStatus] = useState<MailStatus | null>(null);
  const load = () => store.run(api.mail).then((answer) => answer && setStatus(answer));
  useEffect(() => void load(), []);

  async function retry(id: number) {
    if (!(await store.run(() => api.retryMail(id)))) return;
    store.say(words.retried);
    await load();
  }

  if (!status)
    return (
      <section aria-labelledby="mail-heading">
        <h1 id="mail-heading">{words.heading}</h1>
      </section>
    );
  const { counts } = status;
  return (
    <section aria-labelledby="mail-heading">
      <h1 id="mail-heading">{words.heading}</h1>
      {!status.enabled && <p class="hint">{words.off}</p>}
      <p class="mail-counts">
        {fillParts(words.counts, {
          queued: counts.queued,
          sending: counts.sending,
          sent: counts.sent,
          failed: <strong>{fill(words.failed, { n: counts.failed })}</strong>,
        })}{' '}
        <button type="button" onClick={() => void load()}>
          {words.refresh}
        </button>
      </p>
      {status.failed.length ? (
        <section class="table-scroll" tabIndex={0} aria-label={words.tableLabel}>
          <table class="audit">
            <caption>{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.columns.queued}</th>
                <th scope="col">{words.columns.kind}</th>
                <th scope="col">{words.columns.to}</th>
                <th scope="col">{words.columns.subject}</th>
                <th scope="col">{words.columns.attempts}</th>
                <th scope="col">{words.columns.lastError}</th>
                <th scope="col">
                  <span class="visually-hidden">{words.columns.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.failed.map((mail) => (
                <tr key={mail.id}>
                  <td>
                    <time dateTime={mail.createdAt}>{new Date(mail.createdAt).toLocaleString()}</time>
                  </td>
                  <td>{words.kinds[mail.kind] ?? mail.kind}</td>
                  <td>{mail.recipient}</td>
                  <td>{mail.subject}</td>
                  <td>{mail.attempts}</td>
                  <td>{mail.lastError}</td>
                  <td>
                    <button type="button" onClick={() => void retry(mail.id)}>
                      {fill(words.retry, { id: mail.id })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p class="empty">{words.empty}</p>
      )}
    </section>
  );
}
