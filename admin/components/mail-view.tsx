import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../context.ts';
import { api } from '../api.ts';
import type { MailStatus } from '../types.ts';

const KINDS: Record<string, string> = { comment: 'New comment', reply: 'Reply', held: 'Moderation', confirm: 'Confirmation', digest: 'Digest' };

/** The outbox: how many mails wait, are being sent, were sent and failed; the failed ones with their error and a Retry button. */
export function MailView() {
  const store = useStore();
  const [status, setStatus] = useState<MailStatus | null>(null);
  const load = () => store.run(api.mail).then((answer) => answer && setStatus(answer));
  useEffect(() => void load(), []);

  async function retry(id: number) {
    if (!(await store.run(() => api.retryMail(id)))) return;
    store.say('The mail is queued again.');
    await load();
  }

  if (!status)
    return (
      <section aria-labelledby="mail-heading">
        <h1 id="mail-heading">Mail</h1>
      </section>
    );
  const { counts } = status;
  return (
    <section aria-labelledby="mail-heading">
      <h1 id="mail-heading">Mail</h1>
      {!status.enabled && <p class="hint">Mail is off: set SMTP_URL and MAIL_FROM to send notifications.</p>}
      <p class="mail-counts">
        {counts.queued} waiting, {counts.sending} being sent, {counts.sent} sent in the last 30 days, <strong>{counts.failed} failed</strong>.{' '}
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
      </p>
      {status.failed.length ? (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Failed mails">
          <table class="audit">
            <caption>Failed mails, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.failed.map((mail) => (
                <tr key={mail.id}>
                  <td>
                    <time dateTime={mail.createdAt}>{new Date(mail.createdAt).toLocaleString()}</time>
                  </td>
                  <td>{KINDS[mail.kind] ?? mail.kind}</td>
                  <td>{mail.recipient}</td>
                  <td>{mail.subject}</td>
                  <td>{mail.attempts}</td>
                  <td>{mail.lastError}</td>
                  <td>
                    <button type="button" onClick={() => void retry(mail.id)}>
                      Retry mail {mail.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">No mail has failed.</p>
      )}
    </section>
  );
}
