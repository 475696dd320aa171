import { describe, expect, test } from 'vitest';
import de from '../../server/i18n/de.ts';
import he from '../../server/i18n/he.ts';
import ja from '../../server/i18n/ja.ts';
import { type MailTestApp, useMailScene } from '../helpers/mail-app.ts';
import { linkAfter } from '../helpers/smtp.ts';

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

describe("a commenter's mails are in the language of the page they commented on", () => {
  const scene = useMailScene();
  let t: MailTestApp;

  test('a German page: the confirmation and each new comment are in German; the language is stored with the subscription', async () => {
    t = scene.app();
    expect((await t.commentFrom({ text: 'Erster!', notify: true, lang: 'de', author: { name: 'Ada', email: 'ada@example.com' } })).status).toBe(201);
    await t.send();
    const [confirm] = await scene.smtp.waitFor(1, 'ada@example.com');
    expect(confirm!.parsed.subject).toBe('Bestätige dein Abonnement der Kommentare zu „A post“');
    expect(confirm!.parsed.text).toContain(de.confirm.ignore);
    expect(await t.sql.column('SELECT lang FROM mail_subscriptions')).toEqual(['de']);
    const asked = await (await t.follow(linkAfter(confirm!, de.confirm.link))).text();
    expect(asked).toContain('<html lang="de" dir="ltr">');
    expect(asked).toContain(`<title>${de.pages.confirmTitle}</title>`);
    expect(asked).toContain(de.pages.howOften);
    const done = await t.follow(linkAfter(confirm!, de.confirm.link), form({ digest: 'immediate' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(de.pages.subscribed.replace('{title}', '„A post“'));
    scene.smtp.received.length = 0;

    await t.commentFrom({ text: 'Hallo Ada', author: { name: 'Bob', email: 'bob@example.com' } });
    await t.send();
    const [mail] = await scene.smtp.waitFor(1, 'ada@example.com');
    expect(mail!.parsed.subject).toBe('Neuer Kommentar zu „A post“');
    expect(mail!.parsed.text).toContain('Bob hat „A post“ kommentiert:');
    expect(mail!.parsed.text).toContain(de.footer.unsubscribe);
  });

  test('a language Parley has no server words for is English; an unusable tag is ignored', async () => {
    t = scene.app();
    expect((await t.commentFrom({ page: '/xx/', text: 'Hi', notify: true, lang: 'xx', author: { name: 'Cy', email: 'cy@example.com' } })).status).toBe(201);
    expect((await t.commentFrom({ page: '/ja/', text: 'こんにちは', notify: true, lang: 'ja', author: { name: 'Jo', email: 'jo@example.com' } })).status).toBe(
      201,
    );
    expect((await t.commentFrom({ page: '/bad/', text: 'Bad', notify: true, lang: '<script>', author: { name: 'Bo', email: 'bo@example.com' } })).status).toBe(
      201,
    );
    await t.send();
    expect((await scene.smtp.waitFor(1, 'cy@example.com'))[0]!.parsed.subject).toBe('Confirm your subscription to comments on “A post”');
    expect((await scene.smtp.waitFor(1, 'jo@example.com'))[0]!.parsed.text).toContain(ja.confirm.ignore);
    expect((await scene.smtp.waitFor(1, 'bo@example.com'))[0]!.parsed.subject).toBe('Confirm your subscription to comments on “A post”');
  });

  test("a link that no longer works explains itself in the browser's language", async () => {
    t = scene.app();
    const broken = await t.follow('/mail/unsubscribe?t=broken', { headers: { 'Accept-Language': 'he, en;q=0.8' } });
    expect(broken.status).toBe(400);
    const html = await broken.text();
    expect(html).toContain('<html lang="he" dir="rtl">');
    expect(html).toContain(he.pages.invalid);
  });
});
