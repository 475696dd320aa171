/**
 * The widget tells the server its language (`lang` in a post, `?lang=` at a sign-in's start) and a
 * browser its own (`Accept-Language`): each is a value an attacker writes. It is stored and echoed
 * only as one of Parley's own locale codes, never as sent, and never makes a page or mail longer.
 */
import { describe, expect, test } from 'vitest';
import { type MailTestApp, useMailScene } from '../helpers/mail-app.ts';

const HOSTILE = ['"><script>alert(1)</script>', 'de" onload="alert(1)', `de-${'x'.repeat(10_000)}`, 'de\u202e', '../../etc/passwd'];

describe('language tags from clients are not trusted', () => {
  const scene = useMailScene();
  let t: MailTestApp;

  test('a hostile lang in a post is ignored: the subscription is stored in English and its mail is English', async () => {
    t = scene.app();
    for (const [i, lang] of HOSTILE.entries()) {
      const answer = await t.commentFrom({ page: `/p${i}/`, text: `Hi ${i}`, notify: true, lang, author: { name: `N${i}`, email: `n${i}@example.com` } });
      expect(answer.status, lang.slice(0, 40)).toBe(201);
    }
    expect(new Set(await t.sql.column('SELECT lang FROM mail_subscriptions'))).toEqual(new Set(['en']));
    await t.send();
    const mail = (await scene.smtp.waitFor(1, 'n0@example.com'))[0]!;
    expect(mail.parsed.html || '').not.toContain('<script>alert');
    expect(mail.parsed.subject).toBe('Confirm your subscription to comments on “A post”');
  });

  test("a hostile Accept-Language picks one of Parley's languages or English, and is never echoed", async () => {
    t = scene.app();
    // (A header carries only Latin-1: the control-character tag stays in the body test above.)
    for (const header of [...HOSTILE.filter((h) => /^[\x20-\x7e]*$/.test(h)), 'he;q=1, "><b>;q=0.9']) {
      const page = await t.follow('/mail/unsubscribe?t=broken', { headers: { 'Accept-Language': header } });
      const html = await page.text();
      expect(html).toMatch(/^<!doctype html><html lang="(en|he|de)" dir="(ltr|rtl)">/i);
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('onload=');
      expect(html.length).toBeLessThan(20_000);
    }
  });
});
