import { describe, expect, test } from 'vitest';
import { BLOG, type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter } from '../helpers/smtp.ts';
import { hashPassword } from '../../server/auth/password.ts';

const HANDOFF = 'h'.repeat(43);
/** Presses the link's button, with the name a new account is asked for. */
const press = (t: MailTestApp, link: string) =>
  t.follow(link.replace(/\?.*$/, ''), { method: 'POST', body: new URLSearchParams({ t: new URL(link).searchParams.get('t')!, name: 'Ada' }) });

describe('a sign-in link by email works once, briefly, in the browser that asked, and tells no one whether an address has an account', () => {
  const scene = useMailScene();
  let t: MailTestApp;
  const ask = (email = 'ada@example.com', headers: Record<string, string> = {}) =>
    t.post('/api/auth/email', { email, page: `${BLOG}/post/`, handoff: HANDOFF }, { Origin: BLOG, ...headers });
  async function link(email = 'ada@example.com') {
    await ask(email);
    await t.send();
    return linkAfter(scene.smtp.received.at(-1)!, 'Sign in');
  }

  test('a second press of the link, or a press after 15 minutes, signs no one in', async () => {
    t = scene.app({ EMAIL_SIGN_IN: 'true' });
    const first = await link();
    expect((await press(t, first)).status).toBe(303);
    const again = await press(t, first);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('not valid or was already used');
    expect((await t.follow(first)).status).toBe(400);

    const late = await link();
    t.time.now += 15 * 60_000;
    const expired = await press(t, late);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('has expired');
    expect(await t.sql.value('SELECT count(*) FROM auth_handoffs')).toBe(1);
  });

  test("the link's page takes a small form only: a 100 KB body is refused unread (413), and the link stays usable", async () => {
    t = scene.app({ EMAIL_SIGN_IN: 'true' });
    const real = await link();
    const token = new URL(real).searchParams.get('t')!;
    const huge = await t.follow(real.replace(/\?.*$/, ''), { method: 'POST', body: new URLSearchParams({ t: token, name: 'A'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
    expect((await huge.text()).length).toBeLessThan(10_000);
    expect((await press(t, real)).status).toBe(303);
  });

  test('a token this server did not sign is refused without a session; the hand-over needs the asking browser’s secret', async () => {
    t = scene.app({ EMAIL_SIGN_IN: 'true' });
    const real = await link();
    const [random] = new URL(real).searchParams.get('t')!.split('.');
    const forged = `${real.replace(/\?.*$/, '')}?t=${random}.${'A'.repeat(22)}`;
    expect((await press(t, forged)).status).toBe(400);
    const done = await press(t, real);
    const grant = /#parley-auth=([\w-]+)$/.exec(done.headers.get('location')!)![1]!;
    const stolen = await t.post('/api/auth/exchange', { grant, handoff: 'x'.repeat(43) }, { Origin: BLOG });
    expect(stolen.status).toBe(400);
    // The grant was used up by the wrong secret: the hand-over cannot be retried either.
    expect((await t.post('/api/auth/exchange', { grant, handoff: HANDOFF }, { Origin: BLOG })).status).toBe(400);
  });

  test('the answer is the same for a new address, a known account, a moderator and an address asked too often; at most three mails an address', async () => {
    t = scene.app({ EMAIL_SIGN_IN: 'true' });
    await t.repos.moderators.create({ email: 'mod@example.com', name: 'Mo', passwordHash: await hashPassword('correct horse battery'), now: 0 });
    await press(t, await link('known@example.com'));
    const answers = [];
    for (const email of ['new@example.com', 'known@example.com', 'mod@example.com', 'new@example.com', 'new@example.com', 'new@example.com']) {
      const response = await ask(email, { 'X-Forwarded-For': email });
      answers.push([response.status, await response.text()]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify([202, '{"sent":true}'])]));
    await t.send();
    expect(scene.smtp.to('new@example.com')).toHaveLength(3);
    expect(scene.smtp.to('mod@example.com')).toHaveLength(1);
  });

  test('one client address asking for many addresses is slowed with 429 and Retry-After', async () => {
    t = scene.app({ EMAIL_SIGN_IN: 'true' });
    for (let i = 0; i < 10; i++) expect((await ask(`reader${i}@example.com`)).status).toBe(202);
    const refused = await ask('reader10@example.com');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    t.time.now += 15 * 60_000 + 1;
    expect((await ask('reader10@example.com')).status).toBe(202);
  });
});

describe('a sign-in by email claims the guest comments of its address on the site it was asked on, and the thread shows it at once', () => {
  const scene = useMailScene();
  let t: MailTestApp;
  const from = { Origin: BLOG };
  const publicThread = async (site: string) => ((await (await t.get(`/api/comments?page=/post/&site=${site}`)).json()) as any).comments;

  /** Asks for a link on `site` (as the widget on that blog does), presses it with a name, and returns when signed in. */
  async function signInOn(site: string | undefined) {
    await t.post('/api/auth/email', { email: 'ada@example.com', page: `${BLOG}/post/`, handoff: HANDOFF, ...(site ? { site } : {}) }, from);
    await t.send();
    const link = linkAfter(scene.smtp.received.at(-1)!, 'Sign in');
    const done = await t.follow(link.replace(/\?.*$/, ''), {
      method: 'POST',
      body: new URLSearchParams({ t: new URL(link).searchParams.get('t')!, name: 'Ada' }),
    });
    expect(done.status).toBe(303);
  }

  test('the same address’s comment on another site stays a guest’s; the cached public thread and live readers learn of the claim', async () => {
    t = scene.app();
    const here = await t.comment({ text: 'On the default blog', author: { name: 'Ada', email: 'ada@example.com' } }, from);
    const there = await t.comment({ site: 'other-blog', text: 'On the other blog', author: { name: 'Ada', email: 'ada@example.com' } }, from);
    expect([here.status, there.status]).toEqual([201, 201]);
    // Both public threads are read (and cached) while the comments are guests'.
    expect((await publicThread('default'))[0].author.provider).toBeUndefined();
    expect((await publicThread('other-blog'))[0].author.provider).toBeUndefined();
    const announced: unknown[] = [];
    const stop = t.repos.changes.subscribe((change) =>
      announced.push({ type: change.type, siteId: change.siteId, page: change.page, commentId: change.commentId }),
    );

    await signInOn(undefined);
    stop();
    const accountOf = (id: number) => t.sql.value('SELECT account_id FROM comments WHERE id = ?', id);
    expect(await accountOf(here.body.comment.id)).not.toBeNull();
    expect(await accountOf(there.body.comment.id)).toBeNull();
    // The claim is announced as an edit of the comment: the thread cache forgets it and live readers get the new author.
    expect(announced).toEqual([{ type: 'edited', siteId: 'default', page: '/post/', commentId: here.body.comment.id }]);
    expect((await publicThread('default'))[0].author.provider).toBe('email');
    expect((await publicThread('other-blog'))[0].author.provider).toBeUndefined();

    // Signing in from the other blog (its widget sends its site) claims the comment left there.
    await signInOn('other-blog');
    expect(await accountOf(there.body.comment.id)).toBe(await accountOf(here.body.comment.id));
    expect((await publicThread('other-blog'))[0].author.provider).toBe('email');
  });
});
