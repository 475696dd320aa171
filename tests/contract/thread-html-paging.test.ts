/**
 * Moving through a server-drawn thread without JavaScript: the plain links to the next page, to the
 * rest of a long branch, to one comment with the comments it answers, and to each order.
 */
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { count, fragment } from '../helpers/thread-html.ts';

describe('GET /thread.html, page by page', () => {
  test('pages with a plain "Load more comments" link to the next page, a standalone document, until the last', async () => {
    const t = createTestApp();
    for (let i = 1; i <= 51; i++) await t.comment({ text: `Comment number ${i}` });
    const { html } = await fragment(t);
    expect(count(html, 'class="parley-comment"')).toBe(50);
    const next = /<a class="parley-more" href="([^"]+)">Load more comments<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^http:\/\/localhost\/thread\.html\?page=%2Fpost%2F&site=default&sort=oldest&after=[\w-]+&standalone=1$/);
    const second = await t.get(next!.replace('http://localhost', ''));
    const page2 = await second.text();
    expect(page2).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">/);
    expect(page2).toContain('Comment number 51');
    expect(page2).not.toContain('Comment number 50<');
    expect(page2).not.toContain('parley-more');
    expect(page2).not.toMatch(/<script/i);
  });

  test('a branch longer than one answer ends in a "Show more replies" link that reaches every reply', async () => {
    const t = createTestApp();
    const store = async (parentId: number | null, at: number) =>
      (
        await t.repos.comments.postComment({
          siteId: 'default',
          page: '/busy/',
          title: 'Busy',
          parentId,
          status: 'approved',
          text: `r${at}`,
          html: `<p>reply ${at}</p>`,
          authorName: 'R',
          authorEmail: '',
          authorUrl: '',
          avatarKey: 'k',
          accountId: null,
          isModerator: false,
          ip: '127.0.0.1',
          userAgent: '',
          editTokenHash: null,
          notify: false,
          createdAt: t.time.now + at,
          maxDepth: 5,
        })
      ).comment.id;
    const root = await store(null, 0);
    for (let i = 1; i <= 230; i++) await store(root, i);
    const seen = new Set<string>();
    let html = (await fragment(t, 'page=/busy/')).html;
    for (let hops = 0; hops < 5; hops++) {
      for (const m of html.matchAll(/<p>reply (\d+)<\/p>/g)) seen.add(m[1]!);
      const more = /<a class="parley-more" href="([^"]+)">Show more replies<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      if (!more) break;
      expect(more).toMatch(new RegExp(`[?&]root=${root}&after=[\\w-]+&standalone=1$`));
      html = await (await t.get(more.replace('http://localhost', ''))).text();
    }
    // The root and its 230 replies.
    expect(seen.size).toBe(231);
    // A reply link in the rest of a branch stays in that branch, and its form answers that reply.
    const reply = /<div class="parley-actions"><a href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(reply).toMatch(new RegExp(`[?&]root=${root}&`));
    const form = await (await t.get(reply!.replace('http://localhost', '').replace(/#.*/, ''))).text();
    expect(form).toMatch(/<input type="hidden" name="parent" value="\d+">/);
    expect(form).toContain('<h3 class="parley-form-title">Reply to R</h3>');
  });

  test('comment=ID draws that comment with the comments it answers, and a link to the whole thread', async () => {
    const t = createTestApp();
    for (let i = 1; i <= 51; i++) await t.comment({ text: `Comment number ${i}` });
    await t.comment({ parent: 51, text: 'A late reply' });
    const { html } = await fragment(t, 'page=/post/&comment=52&standalone=1');
    expect(count(html, 'class="parley-comment"')).toBe(2);
    expect(html).toMatch(/id="comment-51".*Comment number 51.*id="comment-52".*A late reply/s);
    expect(html).toContain(
      '<a class="parley-more" href="http://localhost/thread.html?page=%2Fpost%2F&amp;site=default&amp;standalone=1">Load more comments</a>',
    );
    // A comment of another thread is not drawn here.
    await t.comment({ page: '/other/', text: 'Elsewhere' });
    expect((await fragment(t, 'page=/post/&comment=53')).html).not.toContain('Elsewhere');
  });

  test('sort links draw the thread in each order', async () => {
    const t = createTestApp();
    await t.comment({ text: 'Older' });
    t.time.now += 60_000;
    await t.comment({ text: 'Newer' });
    const { html } = await fragment(t, 'page=/post/&sort=newest&standalone=1');
    expect(html.indexOf('Newer')).toBeLessThan(html.indexOf('Older'));
    expect(html).toContain('<b aria-current="true">Newest first</b>');
  });
});
