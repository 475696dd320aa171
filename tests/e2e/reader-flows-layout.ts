/** The reader flows of language, direction and layout: right to left, 375 px, screenshots (tests/e2e/reader-flows.ts runs them in each engine). */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Tab } from '../helpers/engines.ts';
import { SCREENSHOTS, type HostOptions, type ReaderScene } from './reader-scene.ts';
import de from '../../widget/i18n/de.ts';
import he from '../../widget/i18n/he.ts';
import ptPT from '../../widget/i18n/pt-PT.ts';

export function layoutFlows(s: ReaderScene) {
  const { engine, host, seed, text } = s;
  /** The thread's root (`section.parley`): its language and direction as declared and as laid out. */
  const rootLanguage = (tab: Tab) =>
    tab.evaluate(() => {
      const section = document.querySelector('#comments')!.shadowRoot!.querySelector('section.parley')!;
      return { lang: section.getAttribute('lang'), dir: section.getAttribute('dir'), direction: getComputedStyle(section).direction };
    });

  test("chooses the language: data-lang, else the page's <html lang> (pt is pt-PT); the root declares lang and dir", async () => {
    await seed('/lang/de/', 'Hallo', 'Ada');
    const german = await s.reader.open(host('/lang/de/', { title: 'Sprache', attributes: 'data-lang="de"' }));
    await german.waitFor(
      (leave: string) => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3')?.textContent === leave,
      de.leave,
    );
    expect(await text(german, 'h2')).toBe('Ein Gedanke zu „Sprache“');
    expect(await text(german, 'form.parley-form button.parley-button')).toBe(de.post);
    expect(await rootLanguage(german)).toEqual({ lang: 'de', dir: 'ltr', direction: 'ltr' });
    // German dates: day, month name, year, 24-hour clock.
    expect(await text(german, 'time')).toMatch(/^\d{1,2}\. \p{L}+ \d{4} um \d\d:\d\d$/u);
    await german.close();

    const portuguese = await s.reader.open(host('/lang/pt/', { html: 'lang="pt"' }));
    await portuguese.waitFor(
      (start: string) => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3')?.textContent === start,
      ptPT.start,
    );
    expect(await rootLanguage(portuguese)).toEqual({ lang: 'pt-PT', dir: 'ltr', direction: 'ltr' });
    await portuguese.close();

    // A right-to-left page in a language Parley has no words for: English words, the page's direction.
    const urdu = await s.reader.open(host('/lang/ur/', { html: 'lang="ur" dir="rtl"' }));
    await urdu.waitFor(() => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3')?.textContent === 'Start a Conversation');
    expect(await rootLanguage(urdu)).toEqual({ lang: 'en', dir: 'rtl', direction: 'rtl' });
    await urdu.close();
  });

  test('a Hebrew page is laid out right to left: avatars and indentation on the right, an English comment reads left to right', async () => {
    const top = await seed('/rtl/', 'שלום לכולם, תגובה ראשונה', 'Dana');
    await seed('/rtl/', 'An English reply in a Hebrew thread', 'Bob', top);
    const tab = await s.reader.open(host('/rtl/', { title: 'כותרת', html: 'lang="he" dir="rtl"' }));
    // The form comes right after the first screenful of comments.
    await tab.waitFor(() => !!document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3'));
    expect(await text(tab, 'form.parley-form h3')).toBe(he.leave);
    expect(await rootLanguage(tab)).toEqual({ lang: 'he', dir: 'rtl', direction: 'rtl' });
    const layout = await tab.evaluate(() => {
      const root = document.querySelector('#comments')!.shadowRoot!;
      const [first, reply] = [...root.querySelectorAll('article.parley-comment')];
      const box = (el: Element, css: string) => el.querySelector(css)!.getBoundingClientRect();
      const direction = (el: Element) => getComputedStyle(el.querySelector('.parley-body')!).direction;
      /** Which edge of its body a comment's first line of text starts from. */
      const edge = (el: Element) => {
        const body = el.querySelector('.parley-body')!;
        const range = document.createRange();
        range.selectNodeContents(body.querySelector('p')!);
        const [text, column] = [range.getClientRects()[0]!, body.getBoundingClientRect()];
        return text.left - column.left < 2 ? 'left' : column.right - text.right < 2 ? 'right' : 'neither';
      };
      return {
        edges: [first!, reply!].map(edge),
        avatarRightOfBody: box(first!, '.parley-avatar').left >= box(first!, '.parley-body').right - 1,
        replyIndentedFromTheRight: reply!.getBoundingClientRect().right < first!.getBoundingClientRect().right - 8,
        bodies: [first!, reply!].map((el) => [el.querySelector('.parley-body')!.getAttribute('dir'), direction(el)]),
        names: [...root.querySelectorAll('.parley-meta b')].map((b) => b.getAttribute('dir')),
      };
    });
    expect(layout).toEqual({
      edges: ['right', 'left'],
      avatarRightOfBody: true,
      replyIndentedFromTheRight: true,
      bodies: [
        ['auto', 'rtl'],
        ['auto', 'ltr'],
      ],
      names: ['auto', 'auto'],
    });
    await tab.close();
  });

  test('375 px wide: no sideways scrolling, the deepest reply keeps a text column of 240 px or more', async () => {
    let parent = await seed('/narrow/', 'Level 1, with a long enough sentence to wrap on a phone screen.', 'Ada Lovelace');
    for (let depth = 2; depth <= 5; depth++) parent = await seed('/narrow/', `Level ${depth}, a reply with words that wrap.`, `Reader ${depth}`, parent);
    const post = host('/narrow/', { title: 'A rather long post title that has to wrap on a phone' });
    const phone = s.blog.serve(
      `/${engine}/narrow-phone/`,
      `<!doctype html><html><body style="margin:0"><iframe src="${post}" style="width:375px;height:2400px;border:0"></iframe></body></html>`,
    );
    const tab = await s.reader.open(phone);
    const measured = (await tab.waitFor(() => {
      const frame = document.querySelector('iframe')!.contentWindow!;
      const root = frame.document.querySelector('#comments')?.shadowRoot;
      const bodies = root?.querySelectorAll('.parley-body');
      if (bodies?.length !== 5) return null;
      return {
        viewport: frame.innerWidth,
        scrollWidth: frame.document.documentElement.scrollWidth,
        deepest: Math.floor(bodies[4]!.getBoundingClientRect().width),
        title: root!.querySelector('h2')!.scrollWidth <= root!.querySelector('h2')!.clientWidth,
      };
    }))!;
    expect(measured.viewport).toBe(375);
    expect(measured.scrollWidth).toBeLessThanOrEqual(375);
    expect(measured.deepest).toBeGreaterThanOrEqual(240);
    expect(measured.title).toBe(true);
    await tab.close();
  });

  test('screenshots of the widget: light, dark, right-to-left and 375 px wide', async () => {
    await seed('/looks/', 'A comment with **bold** words, a [link](https://example.com/) and `code`.', 'Ada Lovelace');
    const parent = await seed(
      '/looks/',
      'Another comment, long enough to wrap onto a second line when the column is narrow, as readers write.',
      'Grace Hopper',
    );
    let reply = await seed('/looks/', 'A reply to Grace.', 'Alan Turing', parent);
    for (let depth = 2; depth <= 5; depth++) reply = await seed('/looks/', `A reply at depth ${depth}.`, `Reader ${depth}`, reply);
    const ready = () => {
      const root = document.querySelector('#comments')?.shadowRoot;
      return root?.querySelectorAll('article.parley-comment').length === 7 && !!root.querySelector('form.parley-form');
    };

    const variants: Record<string, HostOptions> = {
      light: { attributes: 'data-theme="light"' },
      dark: { attributes: 'data-theme="dark"' },
      rtl: { html: 'lang="he" dir="rtl"', attributes: 'data-theme="light"' },
    };
    for (const [variant, options] of Object.entries(variants)) {
      const tab = await s.reader.open(host('/looks/', { title: 'Looks', ...options }));
      await tab.waitFor(ready);
      await tab.screenshot('#comments', join(SCREENSHOTS, `${engine}-${variant}.png`));
      await tab.close();
    }

    // A phone's width: the post in a 375 px frame, whose viewport the widget's media queries see.
    const post = host('/looks/', { title: 'Looks', attributes: 'data-theme="light"' });
    const phone = s.blog.serve(
      `/${engine}/phone/`,
      `<!doctype html><html><body style="margin:0"><iframe src="${post}" style="width:375px;height:2000px;border:0"></iframe></body></html>`,
    );
    const tab = await s.reader.open(phone);
    const width = await tab.waitFor(() => {
      const frame = document.querySelector('iframe')!.contentWindow!;
      const rows = frame.document.querySelector('#comments')?.shadowRoot?.querySelectorAll('article.parley-comment');
      return rows?.length === 7 && frame.innerWidth;
    });
    expect(width).toBe(375);
    await tab.screenshot('iframe', join(SCREENSHOTS, `${engine}-375px.png`));
    await tab.close();
  });
}
