import { describe, expect, test } from 'vitest';
import { BLOG, type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter, toAddresses } from '../helpers/smtp.ts';
import { hashPassword } from '../../server/auth/password.ts';

const HANDOFF = 'h'.repeat(43);
const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('sign-in by email: a one-time link through the outbox, then the redirect hand-over', () => {
  const scene = useMailScene();
  let t: MailTestApp;
  // No EMAIL_SIGN_IN: with mail configured, sign-in by email is on by default.
  const app = (env: Record<string, string> = {}) => (t = scene.app(env));

  const ask = (fields: Record<string, unknown> = {}, headers: Record<string, string> = { Origin: BLOG }) =>
    t.post('/api/auth/email', { email: 'ada@example.com', page: `${BLOG}/post/`, handoff: HANDOFF, ...fields }, headers);

  /** Asks for a link and returns it as mailed. */
  async function mailedLink(fields: Record<string, unknown> = {}) {
    expect((await ask(fields)).status).toBe(202);
    await t.send();
    const mails = scene.smtp.received;
    return { mail: mails.at(-1)!, link: linkAfter(mails.at(-1)!, (mails.at(-1)!.parsed.text ?? '').match(/^(.+): https?:\/\//m)![1]!) };
  }

  /** The link's page, and the name its field offers (null: no field, the address has an account). */
  async function linkPage(link: string) {
    const html = await (await t.follow(link)).text();
    const field = /<input id="name" name="name"[^>]* value="([^"]*)"/.exec(html);
    return {
      html,
      offered: field
        ? field[1]!
            .replace(/&amp;/g, '&')
            .replace(/&#39;/g, "'")
            .replace(/&quot;/g, '"')
        : null,
    };
  }

  /** Presses the page's button with `name` in its field (when it has one). */
  const press = (link: string, name?: string) =>
    t.follow(link.replace(/\?.*$/, ''), form({ t: new URL(link).searchParams.get('t')!, ...(name === undefined ? {} : { name }) }));

  /**
   * Opens the link's page, presses its button as a reader would (the name field as offered, or `name`
   * typed into it), and redeems the hand-over as the widget does: the session token.
   */
  async function signInWith(link: string, name?: string) {
    const { offered } = await linkPage(link);
    const done = await press(link, offered === null ? undefined : (name ?? offered));
    expect(done.status).toBe(303);
    const grant = /#parley-auth=([\w-]+)$/.exec(done.headers.get('location')!)![1]!;
    const exchanged = await t.post('/api/auth/exchange', { grant, handoff: HANDOFF }, { Origin: BLOG });
    expect(exchanged.status).toBe(200);
    return ((await exchanged.json()) as any).token as string;
  }

  const me = async (token: string) => ((await (await t.get('/api/me', { Authorization: `Bearer ${token}` })).json()) as any).account;

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
    expect(await me(token)).toMatchObject({ name: 'Ada L.', provider: 'email', providerName: 'Email' });

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
    const token = await signInWith((await mailedLink()).link, 'Ada');
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

  test('a new account is asked its name on the link’s page, offered the widget’s; a missing or unsafe name shows the page again, link unused', async () => {
    app();
    const { link } = await mailedLink({ name: 'Ada L.' });
    const { html, offered } = await linkPage(link);
    expect(html).toContain('<label for="name">Your name, shown with your comments</label>');
    expect(html).toMatch(/<input id="name" name="name" required maxlength="100" autocomplete="name" value="Ada L.">/);
    expect(offered).toBe('Ada L.');

    // Each refusal answers the page again, naming why, with what was typed; the link is not used up.
    for (const [name, why] of [
      ['', 'Give the name your comments will show.'],
      ['   ', 'Give the name your comments will show.'],
      ['Ada\u202Egro', 'This name cannot be used'],
      ['Ada\nLovelace', 'This name cannot be used'],
      ['Ada\u200B', 'This name cannot be used'],
      ['A'.repeat(101), 'This name cannot be used'],
      [`"><img src=x onerror=alert(1)>${'A'.repeat(100)}`, 'This name cannot be used'],
    ] as const) {
      const refused = await press(link, name);
      expect(refused.status, JSON.stringify(name)).toBe(400);
      const page = await refused.text();
      expect(page).toContain(why);
      expect(page).toContain('aria-invalid="true" aria-describedby="name-problem"');
      expect(page).toContain('<form method="post" action="verify">');
      expect(page).not.toContain('<img');
    }
    expect((await press(link)).status).toBe(400);
    expect(await t.sql.value("SELECT count(*) FROM accounts WHERE provider = 'email'")).toBe(0);

    const token = await signInWith(link, '  Ada Lovelace ');
    expect(await me(token)).toMatchObject({ name: 'Ada Lovelace', provider: 'email' });
  });

  test('without a name from the widget the field is empty and must be filled: the address’s local part is never published', async () => {
    app();
    const { link } = await mailedLink();
    expect((await linkPage(link)).offered).toBe('');
    const refused = await press(link, '');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Give the name your comments will show.');
    const token = await signInWith(link, 'Lady Ada');
    expect((await me(token)).name).toBe('Lady Ada');
    expect(await t.sql.value("SELECT count(*) FROM accounts WHERE name = 'ada'")).toBe(0);
  });

  test('an address with an account keeps its name: its later links ask for none and a name sent anyway changes nothing', async () => {
    app();
    await signInWith((await mailedLink()).link, 'Ada Lovelace');
    const { link } = await mailedLink({ name: 'Someone Else' });
    const { html, offered } = await linkPage(link);
    expect(offered).toBeNull();
    expect(html).not.toContain('name="name"');
    const done = await press(link, 'Renamed');
    expect(done.status).toBe(303);
    expect(await t.sql.value("SELECT name FROM accounts WHERE provider = 'email'")).toBe('Ada Lovelace');
  });

  test('the name field speaks the reader’s language, and a moderator’s address is offered the moderator’s name', async () => {
    app();
    const de = await linkPage((await mailedLink({ lang: 'de', email: 'bea@example.com' })).link);
    expect(de.html).toContain('<label for="name">Dein Name, wie er bei deinen Kommentaren steht</label>');
    const { link } = await mailedLink({ lang: 'de', email: 'carl@example.com' });
    expect(await (await press(link, '')).text()).toContain('Gib den Namen an, der bei deinen Kommentaren stehen soll.');

    await t.repos.moderators.create({ email: 'mod@example.com', name: 'Mo', passwordHash: await hashPassword('correct horse battery'), now: 0 });
    expect((await linkPage((await mailedLink({ email: 'mod@example.com' })).link)).offered).toBe('Mo');
  });

  test('bad input is refused naming the field; a page on another origin, or a server with EMAIL_SIGN_IN=false, refuses', async () => {
    app();
    const bad = await ask({ email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.field).toBe('email');
    expect(((await (await ask({ handoff: 'short' })).json()) as any).error.field).toBe('handoff');
    expect(((await (await ask({ page: 'javascript:alert(1)' })).json()) as any).error.field).toBe('page');
    expect(((await (await ask({ extra: 1 })).json()) as any).error.code).toBeDefined();
    expect(((await (await ask({ site: 'no such site!' })).json()) as any).error.field).toBe('site');
    expect(((await (await ask({ site: 'x'.repeat(65) })).json()) as any).error.field).toBe('site');
    expect(((await (await ask({ name: 'Ada\u202Egro' })).json()) as any).error.field).toBe('name');
    expect((await ask({}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await ask({ page: 'https://evil.example/post/' }, {})).status).toBe(403);
    await t.send();
    expect(scene.smtp.received).toHaveLength(0);

    // On by default with mail; EMAIL_SIGN_IN=false turns it off.
    t = scene.app({ EMAIL_SIGN_IN: 'false' });
    expect((await ask()).status).toBe(404);
    expect(((await (await t.get('/api/config')).json()) as any).providers).not.toContainEqual({ id: 'email', name: 'Email' });
  });
});
