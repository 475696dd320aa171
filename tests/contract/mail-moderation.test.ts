import { describe, expect, test } from 'vitest';
import { BLOG, type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter, rawHeader, toAddresses } from '../helpers/smtp.ts';

const form = (fields: Record<string, string> = {}) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe('moderator mails: each held comment, with one-click Approve and Spam', () => {
  const scene = useMailScene();
  let t: MailTestApp;

  async function heldApp() {
    t = scene.app();
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const mo = await t.repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'x', now: t.time.now });
    const max = await t.repos.moderators.create({ email: 'max@example.com', name: 'Max', passwordHash: 'x', now: t.time.now });
    return { mo, max };
  }

  test('every moderator gets the held comment; the Approve link asks first, then publishes it as that moderator', async () => {
    const { mo } = await heldApp();
    const held = await t.commentFrom({ text: 'Hold *me*', author: { name: 'Gus', email: 'gus@example.com', url: 'gus.example' } });
    expect(held.status).toBe(202);
    const id = held.body.comment.id;
    await t.send();
    const mails = await scene.smtp.waitFor(2);
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['max@example.com', 'mo@example.com']);
    const mail = scene.smtp.to('mo@example.com')[0]!;
    expect(mail.parsed.subject).toBe('Comment awaiting moderation on “A post”');
    expect(toAddresses(mail.parsed)).toEqual(['mo@example.com']);
    expect(mail.parsed.text).toContain('> Hold *me*');
    expect(mail.parsed.text).toContain('Email: gus@example.com');
    expect(mail.parsed.text).toContain('Why it is held:');
    expect(mail.parsed.text).toContain(`${BLOG}/post/#comment-${id}`);
    expect(mail.parsed.html).toContain('Hold <em>me</em>');
    expect(mail.parsed.html).toMatch(/>Approve<\/a>/);
    expect(rawHeader(mail, 'List-Unsubscribe')).toBeUndefined();

    const approve = linkAfter(mail, 'Approve it');
    const page = await t.follow(approve);
    expect(await page.text()).toContain('Approve this comment?');
    expect(await t.repos.comments.statusOf(id)).toBe('pending');

    const done = await t.follow(approve, form());
    expect(await done.text()).toContain('The comment is approved and published.');
    expect(await t.repos.comments.statusOf(id)).toBe('approved');
    const [entry] = await t.repos.audit.list({ commentId: id, limit: 1 });
    expect(entry).toMatchObject({ actor: 'moderator', action: 'approve', moderatorId: mo.id, moderatorEmail: 'mo@example.com' });
    // A second click changes nothing.
    expect(await (await t.follow(approve, form())).text()).toContain('already approved');
  });

  test("a comment approved from the mail is then mailed to the thread's subscribers", async () => {
    await heldApp();
    await t.repos.sites.saveSettings('default', { moderation: 'open' }, t.time.now);
    await t.commentFrom({ text: 'I follow this', notify: true, author: { name: 'Ada', email: 'ada@example.com' } });
    await t.send();
    await t.follow(linkAfter(scene.smtp.to('ada@example.com')[0]!, 'Confirm your subscription'), form({ digest: 'immediate' }));
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
    const held = await t.commentFrom({ text: 'Late but approved', author: { name: 'Gus', email: 'gus@example.com' } });
    await t.send();
    expect(scene.smtp.to('ada@example.com')).toHaveLength(1);
    await t.follow(linkAfter(scene.smtp.to('max@example.com')[0]!, 'Approve it'), form());
    await t.send();
    const [, notice] = await scene.smtp.waitFor(2, 'ada@example.com');
    expect(notice!.parsed.subject).toBe('New comment on “A post”');
    expect(notice!.parsed.text).toContain(`#comment-${held.body.comment.id}`);
  });

  test("the Spam link marks it spam; links expire after 7 days; a removed moderator's link stops working", async () => {
    const { max } = await heldApp();
    const first = await t.commentFrom({ text: 'Buy things', author: { name: 'Spammy', email: 's@example.com' } });
    const second = await t.commentFrom({ text: 'Another held one', author: { name: 'Gus', email: 'gus@example.com' } });
    await t.send();
    const [spamMail, secondMail] = scene.smtp.to('max@example.com');
    expect(await (await t.follow(linkAfter(spamMail!, 'Mark it as spam'), form())).text()).toContain('marked as spam');
    expect(await t.repos.comments.statusOf(first.body.comment.id)).toBe('spam');
    const [entry] = await t.repos.audit.list({ commentId: first.body.comment.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'spam', moderatorId: max.id });

    const approve = linkAfter(secondMail!, 'Approve it');
    t.time.now += 7 * 24 * 3_600_000 + 1000;
    const expired = await t.follow(approve, form());
    expect(expired.status).toBe(410);
    expect(await t.repos.comments.statusOf(second.body.comment.id)).toBe('pending');
    t.time.now -= 2 * 24 * 3_600_000;
    await t.sql('DELETE FROM moderators WHERE id = ?', max.id);
    expect((await t.follow(approve, form())).status).toBe(400);
    expect(await t.repos.comments.statusOf(second.body.comment.id)).toBe('pending');
  });

  test('header injection: a title or name carrying CR LF "Bcc:" never reaches a header', async () => {
    await heldApp();
    const evil = 'Hi\r\nBcc: victim@evil.example\r\nX-Injected: yes';
    const evilName = `Eve\r\nBcc: victim@evil.example\u2028Subject: owned`;
    // The API refuses such names and titles (tests/security/names-cannot-impersonate.test.ts) …
    const refused = await t.commentFrom({ title: evil, text: 'Innocent text', author: { name: evilName, email: 'eve@example.com' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_characters');
    // … but older data or an import may hold them, so the mails must be safe on their own.
    const held = await t.commentFrom({ text: 'Innocent text', notify: true, author: { name: 'Eve', email: 'eve@example.com' } });
    expect(held.status).toBe(202);
    await t.sql('UPDATE threads SET title = ?', evil);
    await t.sql('UPDATE comments SET author_name = ?', evilName);
    await t.sql('UPDATE mail_subscriptions SET name = ?', evilName);
    await t.send();
    await t.repos.moderation.apply([held.body.comment.id], 'approve', (await t.repos.moderators.findById(1))!, t.time.now);
    await t.send();
    // Two moderator mails (title in the subject) and Eve's confirmation (her name in To, the title in the subject).
    const mails = await scene.smtp.waitFor(3);
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      expect(mail.envelope.to).toHaveLength(1);
      expect(mail.envelope.to[0]).not.toContain('evil');
      expect(mail.headerLines.filter((line) => /^(bcc|x-injected|subject):/i.test(line)).map((l) => l.split(':')[0]!.toLowerCase())).toEqual(['subject']);
      expect(mail.parsed.headers.has('bcc')).toBe(false);
      expect(mail.parsed.subject).toMatch(/“Hi Bcc: victim@evil\.example X-Injected: yes”$/);
    }
    const confirm = scene.smtp.to('eve@example.com')[0]!;
    expect(toAddresses(confirm.parsed)).toEqual(['eve@example.com']);
    expect((confirm.parsed.to as { value: Array<{ name: string }> }).value[0]!.name).toBe('Eve Bcc: victim@evil.example Subject: owned');
  });
});
