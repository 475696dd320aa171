import { describe, expect, test } from 'vitest';
import { BLOG, type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter, toAddresses } from '../helpers/smtp.ts';
import { hashPassword } from '../../server/auth/password.ts';

const HANDOFF = 'h'.repeat(43);
const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('sign-in by email: a one-time link through the outbox, then the redirect hand-over', () => {
  const scene = useMailScene();
  let t: MailTestApp;
  const app = (env: Record<string, string> = {}) => (t = scene.app({ EMAIL_SIGN_IN: 'true', ...env }));

  const ask = (fields: Record<string, unknown> = {}, headers: Record<string, string> = { Origin: BLOG }) =>
    t.post('/api/auth/email', { email: 'ada@example.com', page: `${BLOG}/post/`, handoff: HANDOFF, ...fields }, headers);

  /** Asks for a link and returns it as mailed. */
  async function mailedLink(fields: Record<string, unknown> = {}) {
    expect((await ask(fields)).status).toBe(202);
    await t.send();
    const mails = scene.smtp.received;
    return { mail: mails.at(-1)!, link: linkAfter(mails.at(-1)!, (mails.at(-1)!.parsed.text ?? '').match(/^(.+): https?:\/\//m)![1]!) };
  }

  /** Opens the link's page, presses its button, and redeems the hand-over as the widget does: the session token. */
  async function signInWith(link: string) {
    const t0 = new URL(link).searchParams.get('t')!;
    const done = await t.follow(link.replace(/\?.*$/, ''), form({ t: t0 }));
    expect(done.status).toBe(303);
    const grant = /#parley-auth=([\w-]+)$/.exec(done.headers.get('location')!)![1]!;
    const exchanged = await t.post('/api/auth/exchange', { grant, handoff: HANDOFF }, { Origin: BLOG });
    expect(exchanged.status).toBe(200);
    return ((await exchanged.json()) as any).token as string;
  }

  test('the mail goes to the address only, with a link whose page asks first; its button signs in and returns to the post', async () => {
    app();
    expect(((await (await t.get('/api/config')).json()) as any).providers).toContainEqual({ id: 'email', name: 'Email' });
    const { mail, link } = await mailedLink({ name: 'Ada L.' });
    expect(toAddresses(mail.parsed)).toEqual(['ada@example.com']);
    expect(mail.parsed.subject).toBe('Your sign-in link for the comments on blog.example');
    expect(mail.parsed.text).toContain('The link works once, for 15 minutes.');
    expect(link).toMatch(/^https:\/\/comments\.example\/auth\/email\/verify\?t=[\w-]{43}\.[\w-]{22}$/);

    // Opening it (or a mail scanner opening it) only shows the page; it can still be used afterwards.
    for (let i = 0; i < 2; i++) {
      const page = await t.follow(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('Sign in as ada@example.com to comment on blog.example?');
      expect(html).toContain('<form method="post" action="verify">');
    }
    const token = await signInWith(link);
    const me = await t.get('/api/me', { Authorization: `Bearer ${token}` });
    expect(((await me.json()) as any).account).toMatchObject({ name: 'Ada L.', provider: 'email', providerName: 'Email' });

    // A comment is the account's: no name or email asked, no edit token.
    const posted = await t.comment({ author: undefined, text: 'Signed in by email' }, { Authorization: `Bearer ${token}`, Origin: BLOG });
    expect(posted.status).toBe(201);
    expect(posted.body.comment).toMatchObject({ author: { name: 'Ada L.', provider: 'email' }, mine: true });
    expect(posted.body.editToken).toBeUndefined();
  });

  test('the mail and the page are in the language the widget asked in', async () => {
    app();
    const { mail, link } = await mailedLink({ lang: 'de' });
    expect(mail.parsed.subject).toBe('Dein Anmeldelink für die Kommentare auf blog.example');
    expect(mail.parsed.html).toContain('lang="de"');
    expect(await (await t.follow(link)).text()).toContain('Als ada@example.com anmelden, um auf blog.example zu kommentieren?');
  });

  test('a guest’s earlier comments with the address become the account’s: held ones show to it, as its own', async () => {
    app();
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const held = await t.commentFrom({ text: 'Before signing in', author: { name: 'Ada', email: 'ada@example.com' } });
    expect(held.status).toBe(202);
    const other = await t.commentFrom({ text: 'Bob’s', author: { name: 'Bob', email: 'bob@example.com' } });
    const token = await signInWith((await mailedLink()).link);
    const thread = (await (await t.get('/api/comments?page=/post/', { Authorization: `Bearer ${token}` })).json()) as any;
    expect(thread.comments.map((c: any) => [c.id, c.mine, c.status])).toEqual([[held.body.comment.id, true, 'pending']]);
    expect(await t.sql.value('SELECT account_id FROM comments WHERE id = ?', other.body.comment.id)).toBeNull();
  });

  test('signing in with a moderator’s address makes the account a moderator: its comments skip the rules', async () => {
    app();
    await t.repos.moderators.create({ email: 'mod@example.com', name: 'Mo', passwordHash: await hashPassword('correct horse battery'), now: 0 });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const token = await signInWith((await mailedLink({ email: 'Mod@Example.com' })).link);
    const posted = await t.comment({ author: undefined, text: 'From the moderator' }, { Authorization: `Bearer ${token}`, Origin: BLOG });
    expect(posted.status).toBe(201);
    expect(posted.body.comment.author.isModerator).toBe(true);
  });

  test('bad input is refused naming the field; a page on another origin, or a server without EMAIL_SIGN_IN, refuses', async () => {
    app();
    const bad = await ask({ email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.field).toBe('email');
    expect(((await (await ask({ handoff: 'short' })).json()) as any).error.field).toBe('handoff');
    expect(((await (await ask({ page: 'javascript:alert(1)' })).json()) as any).error.field).toBe('page');
    expect(((await (await ask({ extra: 1 })).json()) as any).error.code).toBeDefined();
    expect((await ask({}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await ask({ page: 'https://evil.example/post/' }, {})).status).toBe(403);
    await t.send();
    expect(scene.smtp.received).toHaveLength(0);

    t = scene.app();
    expect((await ask()).status).toBe(404);
    expect(((await (await t.get('/api/config')).json()) as any).providers).not.toContainEqual({ id: 'email', name: 'Email' });
  });
});
