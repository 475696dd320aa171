import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { BLOG, type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter, rawHeader, toAddresses } from '../helpers/smtp.ts';

const ADA = { name: 'Ada', email: 'ada@example.com' };
const BOB = { name: 'Bob', email: 'bob@example.com' };
const CAROL = { name: 'Carol', email: 'carol@example.com' };
const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('subscriptions: double opt-in, notifications, unsubscribe, digest', () => {
  const scene = useMailScene();
  let t: MailTestApp;

  /** Ada comments with the box ticked and confirms from the mail she receives. */
  async function subscribeAda(page = '/post/', digest: 'immediate' | 'daily' = 'immediate') {
    const posted = await t.commentFrom({ page, text: `Ada on ${page}`, notify: true, author: ADA });
    expect(posted.status).toBe(201);
    await t.send();
    const [confirm] = scene.smtp.to(ADA.email);
    const link = linkAfter(confirm!, 'Confirm your subscription');
    expect((await t.follow(link, form({ digest }))).status).toBe(200);
    scene.smtp.received.length = 0;
    return posted.body.comment.id as number;
  }

  test('a guest is mailed only after confirming; then gets each comment by others once, never their own, and replies as replies', async () => {
    t = scene.app();
    expect((await t.commentFrom({ text: 'First!', notify: true, author: ADA })).status).toBe(201);
    await t.send();
    const [confirm] = await scene.smtp.waitFor(1, ADA.email);
    expect(confirm!.parsed.subject).toBe('Confirm your subscription to comments on “A post”');
    expect(toAddresses(confirm!.parsed)).toEqual([ADA.email]);
    expect(confirm!.parsed.text).toContain(`${BLOG}/post/`);
    expect(confirm!.parsed.html).toContain('Confirm subscription');

    // Not confirmed yet: Bob's comment mails no one.
    await t.commentFrom({ text: 'Bob says hi', author: BOB });
    await t.send();
    expect(scene.smtp.received).toHaveLength(1);

    // Opening the link (as a mail scanner would) only shows the page; the button confirms.
    const link = linkAfter(confirm!, 'Confirm your subscription');
    const page = await t.follow(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain('Confirm subscription');
    await t.commentFrom({ text: 'Bob again', author: BOB });
    await t.send();
    expect(scene.smtp.received).toHaveLength(1);
    const confirmed = await t.follow(link, form({ digest: 'immediate' }));
    expect(await confirmed.text()).toContain('You will get a mail for each new comment on “A post”');

    // Carol comments: Ada gets exactly one mail, with both parts and a link to the comment on the blog.
    const carol = await t.commentFrom({ text: 'Carol *agrees*', author: CAROL });
    await t.send();
    await scene.smtp.waitFor(2);
    expect(scene.smtp.received).toHaveLength(2);
    const notice = scene.smtp.received[1]!;
    expect(notice.envelope.to).toEqual([ADA.email]);
    expect(notice.parsed.subject).toBe('New comment on “A post”');
    expect(notice.parsed.from?.value).toEqual([{ name: 'Blog comments', address: 'comments@blog.example' }]);
    expect(notice.parsed.text).toContain('Carol commented on “A post”:');
    expect(notice.parsed.text).toContain('> Carol *agrees*');
    expect(notice.parsed.text).toContain(`${BLOG}/post/#comment-${carol.body.comment.id}`);
    expect(notice.parsed.html).toContain('Carol <em>agrees</em>');
    expect(notice.parsed.html).toContain(`href="${BLOG}/post/#comment-${carol.body.comment.id}"`);
    expect(notice.parsed.text).not.toContain(CAROL.email);
    expect(rawHeader(notice, 'List-Unsubscribe')).toMatch(/^<https:\/\/comments\.example\/mail\/unsubscribe\?t=[^>]+>$/);
    expect(rawHeader(notice, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(notice.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    // Ada's own comment mails nobody; a reply to her is a reply notification.
    const own = await t.commentFrom({ text: 'Ada answers', author: ADA });
    await t.send();
    expect(scene.smtp.received).toHaveLength(2);
    await t.commentFrom({ text: 'Replying to Ada', parent: own.body.comment.id, author: CAROL });
    await t.send();
    const [reply] = (await scene.smtp.waitFor(3)).slice(2);
    expect(reply!.parsed.subject).toBe('Reply to your comment on “A post”');
    expect(reply!.parsed.text).toContain('Carol replied to your comment on “A post”:');
  });

  test('the unsubscribe link: GET only asks, the button (or a one-click POST from the mail client) unsubscribes', async () => {
    t = scene.app();
    await subscribeAda();
    await t.commentFrom({ text: 'Something new', author: BOB });
    await t.send();
    const [notice] = await scene.smtp.waitFor(1, ADA.email);
    const unsubscribe = linkAfter(notice!, 'Unsubscribe');
    expect(rawHeader(notice!, 'List-Unsubscribe')).toBe(`<${unsubscribe}>`);

    const ask = await t.follow(unsubscribe);
    expect(await ask.text()).toContain('Stop mails about new comments on “A post”?');
    await t.commentFrom({ text: 'Still subscribed?', author: BOB });
    await t.send();
    expect(scene.smtp.to(ADA.email)).toHaveLength(2);

    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL.
    const oneClick = await t.follow(unsubscribe, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You will get no more mails');
    await t.commentFrom({ text: 'Nobody hears this', author: BOB });
    await t.send();
    expect(scene.smtp.to(ADA.email)).toHaveLength(2);
    // Unsubscribing again is harmless.
    expect((await t.follow(unsubscribe, form({}))).status).toBe(200);
  });

  test('daily digest: chosen at confirmation, one mail a day with every comment; switching back sends what was collected', async () => {
    t = scene.app();
    await subscribeAda('/post/', 'daily');
    const first = await t.commentFrom({ text: 'Morning comment', author: BOB });
    t.time.now += 3_600_000;
    const second = await t.commentFrom({ text: 'Noon comment', author: CAROL });
    await t.send();
    expect(scene.smtp.to(ADA.email)).toHaveLength(0);
    t.time.now += 23 * 3_600_000;
    await t.send();
    const [digest] = await scene.smtp.waitFor(1, ADA.email);
    expect(digest!.parsed.subject).toBe('Daily digest of new comments on “A post”');
    expect(digest!.parsed.text).toContain('2 new comments on “A post”');
    expect(digest!.parsed.text).toContain(`${BLOG}/post/#comment-${first.body.comment.id}`);
    expect(digest!.parsed.text).toContain(`${BLOG}/post/#comment-${second.body.comment.id}`);
    expect(rawHeader(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    await t.send();
    expect(scene.smtp.to(ADA.email)).toHaveLength(1);

    // The digest link in the mail switches to immediate mails; what was collected goes out at once.
    await t.commentFrom({ text: 'Evening comment', author: BOB });
    await t.send();
    const settings = linkAfter(digest!, 'Get each comment as it is published instead');
    expect(await (await t.follow(settings)).text()).toContain('name="digest" value="daily" checked');
    expect(await (await t.follow(settings, form({ digest: 'immediate' }))).text()).toContain('a mail for each new comment');
    await t.send();
    const mails = await scene.smtp.waitFor(2, ADA.email);
    expect(mails[1]!.parsed.text).toContain('One new comment on “A post”');
    await t.commentFrom({ text: 'Night comment', author: CAROL });
    await t.send();
    expect((await scene.smtp.waitFor(3, ADA.email))[2]!.parsed.subject).toBe('New comment on “A post”');
  });

  test('no confirmation mail for a held or spam comment until a moderator approves it', async () => {
    t = scene.app();
    await t.repos.sites.saveSettings('default', { moderation: 'all', blocklistWords: ['casino'] }, t.time.now);
    const held = await t.commentFrom({ text: 'Please hold me', notify: true, author: ADA });
    const spam = await t.commentFrom({ text: 'casino casino', notify: true, author: BOB });
    expect([held.status, spam.status]).toEqual([202, 202]);
    await t.send();
    expect(scene.smtp.received).toHaveLength(0);
    const moderator = await t.repos.moderators.create({ email: 'mod@example.com', name: 'Mo', passwordHash: 'x', now: t.time.now });
    await t.repos.moderation.apply([held.body.comment.id], 'approve', moderator, t.time.now);
    await t.send();
    const mails = await scene.smtp.waitFor(1);
    expect(mails.map((m) => [m.envelope.to[0], m.parsed.subject])).toEqual([[ADA.email, 'Confirm your subscription to comments on “A post”']]);
  });

  test('links are signed and expire; a changed link is refused', async () => {
    t = scene.app();
    await t.commentFrom({ text: 'Subscribe me', notify: true, author: ADA });
    await t.send();
    const link = linkAfter((await scene.smtp.waitFor(1))[0]!, 'Confirm your subscription');
    const token = new URL(link).searchParams.get('t')!;
    const forged = token.replace(/^confirm\.(\d+)/, (_, id) => `confirm.${Number(id) + 1}`);
    expect((await t.follow(link.replace(token, forged))).status).toBe(400);
    expect((await t.follow(link.replace(token, token.replace('confirm', 'digest')))).status).toBe(400);
    t.time.now += 8 * 24 * 3_600_000;
    const expired = await t.follow(link, form({ digest: 'immediate' }));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
  });

  test('a tick without an email is a field error; /api/config offers the box only with SMTP set', async () => {
    t = scene.app({ REQUIRE_NAME_EMAIL: 'false' });
    const noEmail = await t.commentFrom({ text: 'Tell me', notify: true, author: { name: 'Nameless' } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error).toMatchObject({ code: 'required', field: 'author.email' });
    const badEmail = await t.commentFrom({ text: 'Tell me', notify: true, author: { name: 'Ada', email: 'ada@@example' } });
    expect(badEmail.body.error).toMatchObject({ code: 'invalid_email', field: 'author.email' });
    expect((await (await t.get('/api/config')).json()).notify).toBe(true);
    expect((await (await createTestApp().get('/api/config')).json()).notify).toBe(false);
  });
});
