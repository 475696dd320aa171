import { afterEach, describe, expect, test, vi } from 'vitest';
import { type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { MAX_REQUESTS_PER_DAY } from '../../server/db/mail-repo.ts';
import { FANOUT_CHUNK } from '../../server/db/mail-jobs.ts';

describe('mail never fails a comment, and cannot be turned on someone', () => {
  const scene = useMailScene();
  let t: MailTestApp;
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('confirmation mails: one a day per thread and address, and at most five threads a day per address', async () => {
    t = scene.app();
    const victim = { name: 'V', email: 'victim@example.com' };
    await t.commentFrom({ text: 'one', notify: true, author: victim });
    await t.commentFrom({ text: 'two', notify: true, author: victim });
    for (let n = 1; n <= MAX_REQUESTS_PER_DAY + 2; n++) await t.commentFrom({ page: `/p${n}/`, text: 'hello', notify: true, author: victim });
    await t.send();
    expect(scene.smtp.to(victim.email)).toHaveLength(MAX_REQUESTS_PER_DAY);
    t.time.now += 24 * 3_600_000 + 1;
    await t.commentFrom({ text: 'three', notify: true, author: victim });
    await t.send();
    expect(scene.smtp.to(victim.email)).toHaveLength(MAX_REQUESTS_PER_DAY + 1);
  });

  test(`a big thread's subscribers (more than ${FANOUT_CHUNK}, taken in chunks) each get a comment exactly once`, async () => {
    t = scene.app();
    const first = await t.commentFrom({ text: 'The thread starts' });
    await t.send();
    scene.smtp.received.length = 0;
    const count = FANOUT_CHUNK * 2 + 50;
    for (let n = 0; n < count; n++) {
      await t.sql(
        `INSERT INTO mail_subscriptions (thread_id, email, name, state, requested_at)
        SELECT thread_id, ?, 'Reader', 'active', 0 FROM comments WHERE id = ?`,
        `reader${n}@example.com`,
        first.body.comment.id,
      );
    }
    await t.commentFrom({ text: 'News for everyone', author: { name: 'Bob', email: 'bob@example.com' } });
    expect(await t.send()).toEqual({ sent: count, unsent: 0 });
    const recipients = scene.smtp.received.map((m) => m.envelope.to[0]);
    expect(new Set(recipients).size).toBe(count);
    expect(recipients).toHaveLength(count);
    expect(await t.send()).toEqual({ sent: 0, unsent: 0 });
  });

  test('a failure in mail code is logged (without the address) and the comment is saved all the same', async () => {
    t = scene.app();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await t.sql('DROP TABLE mail_jobs');
    const posted = await t.commentFrom({ text: 'Still here', notify: true, author: { name: 'Ada', email: 'ada@example.com' } });
    expect(posted.status).toBe(201);
    const thread = await (await t.get('/api/comments?page=/post/')).json();
    expect(thread.comments.map((c: { id: number }) => c.id)).toEqual([posted.body.comment.id]);
    expect(await t.sql.value('SELECT count(*) FROM mail_subscriptions')).toBe(0);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('could not record the mail'), expect.anything());
    expect(JSON.stringify(logged.mock.calls[0]![0])).not.toContain('ada@example.com');
  });
});
