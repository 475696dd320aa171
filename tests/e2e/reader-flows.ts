import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReader, skipEngine, type EngineName, type Reader, type Tab } from '../helpers/engines.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { providerEnv, startProviderFor } from '../helpers/sign-in.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';
import { freePort, thirdPartyCookieSent } from '../helpers/third-party-cookies.ts';
import { startBlog, type Blog } from './host.ts';
import de from '../../widget/i18n/de.ts';
import he from '../../widget/i18n/he.ts';
import ptPT from '../../widget/i18n/pt-PT.ts';

/** Where the suite writes the widget's screenshots: `<engine>-<variant>.png` (git-ignored). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** The widget's shadow root, for Targets: `${W}button`. */
const W = '#comments >>> ';

interface HostOptions {
  title?: string;
  /** Attributes of the host page's `<html>`, e.g. `lang="he" dir="rtl"`. */
  html?: string;
  /** Attributes for the script tag, e.g. `data-theme="dark"`. */
  attributes?: string;
  hash?: string;
}

/**
 * The reader flows of the end-to-end suite, written once and run in one engine:
 * a Parley server with sign-in providers pointed at a real OpenID provider, a blog on
 * another site (`localhost` vs Parley's `127.0.0.1`), and one reader profile with
 * third-party cookies blocked, shared by the file's tests.
 */
export function readerFlows(engine: EngineName) {
  describe.skipIf(skipEngine(engine))(`a reader in ${engine}`, () => {
    let server: RunningServer;
    let provider: TestProvider;
    let blog: Blog;
    let reader: Reader;
    const dir = tempDir();

    beforeAll(async () => {
      const port = await freePort();
      const publicUrl = `http://127.0.0.1:${port}`;
      provider = await startProviderFor(publicUrl, 'page');
      blog = await startBlog();
      server = await startServer({
        DATABASE_PATH: join(dir.path, 'parley.db'),
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        SITE_ORIGINS: blog.origin,
        ...providerEnv(provider),
      });
      reader = await openReader(engine);
    }, 120_000);
    afterAll(async () => {
      await reader?.close();
      await server?.stop();
      await provider?.stop();
      await blog?.close();
      dir.cleanup();
    });

    /** A blog post embedding the thread `page` with the documented snippet. */
    function host(page: string, options: HostOptions = {}): string {
      const { title = 'A Post', html = 'lang="en"', attributes = '' } = options;
      return (
        blog.serve(
          `/${engine}${page}`,
          `<!doctype html><html ${html}><head><meta charset="utf-8"><title>${title}</title></head><body>
        <article><h1>${title}</h1><p>Post body.</p></article>
        <div id="comments"></div>
        <script src="${server.url}/embed.js" async data-target="#comments" data-page="${page}" data-title="${title}" ${attributes}></script>
        </body></html>`,
        ) + (options.hash ?? '')
      );
    }

    async function seed(page: string, text: string, name: string, parent?: number): Promise<number> {
      const response = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: blog.origin },
        body: JSON.stringify({ page, text, parent, author: { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com` } }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { comment: { id: number } }).comment.id;
    }

    /** Text of every match of `css` in the widget, in order. */
    const texts = (tab: Tab, css: string) =>
      tab.evaluate((css: string) => [...document.querySelector('#comments')!.shadowRoot!.querySelectorAll(css)].map((el) => el.textContent!.trim()), css);
    /** Waits until the widget holds an element matching `css`. */
    const shown = (tab: Tab, css: string) => tab.waitFor((css: string) => !!document.querySelector('#comments')?.shadowRoot?.querySelector(css), css);
    const text = async (tab: Tab, css: string) => (await texts(tab, css))[0];

    async function postAsGuest(tab: Tab, fields: { text: string; name: string; email: string; url?: string }) {
      await tab.fill(`${W}form.parley-form #parley-text`, fields.text);
      await tab.fill(`${W}form.parley-form #parley-email`, fields.email);
      await tab.fill(`${W}form.parley-form #parley-name`, fields.name);
      if (fields.url !== undefined) await tab.fill(`${W}form.parley-form #parley-url`, fields.url);
      await tab.click({ css: `${W}form.parley-form button.parley-button`, text: 'Post Comment' });
    }

    test('reads a thread: comments with their replies nested under them, dates and permalinks', async () => {
      const first = await seed('/read/', 'A *first* comment', 'Ada');
      const reply = await seed('/read/', 'An answer', 'Bob', first);
      const tab = await reader.open(host('/read/', { title: 'Read' }));
      await tab.waitFor(() => document.querySelector('#comments')?.shadowRoot?.querySelectorAll('article.parley-comment').length === 2);
      expect(await text(tab, 'h2')).toBe('2 thoughts on “Read”');
      const thread = await tab.evaluate(
        (first: number, reply: number) => {
          const root = document.querySelector('#comments')!.shadowRoot!;
          const answer = root.getElementById(`comment-${reply}`)!;
          return {
            body: root.querySelector(`#comment-${first} .parley-body`)!.innerHTML,
            names: [...root.querySelectorAll('.parley-meta b')].map((b) => b.textContent),
            parentOfReply: answer.closest('ol.parley-replies')!.parentElement!.querySelector(':scope > article')!.id,
            datetime: answer.querySelector('time')!.getAttribute('datetime'),
            permalink: answer.querySelector('.parley-date a')!.getAttribute('href'),
          };
        },
        first,
        reply,
      );
      expect(thread).toEqual({
        body: '<p>A <em>first</em> comment</p>',
        names: ['Ada', 'Bob'],
        parentOfReply: `comment-${first}`,
        datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        permalink: `#comment-${reply}`,
      });
      await tab.close();
    });

    test('posts as a guest, replies, likes, edits and deletes', async () => {
      const tab = await reader.open(host('/flow/', { title: 'Flow' }));
      await shown(tab, 'form.parley-form');
      expect(await text(tab, 'form.parley-form h3')).toBe('Start a Conversation');

      await postAsGuest(tab, { text: 'First *thought*', name: 'Ada', email: 'ada@example.com', url: 'ada.example.com' });
      const article = `${W}article.parley-comment`;
      await shown(tab, 'article.parley-comment .parley-body');
      expect(await tab.evaluate(() => document.querySelector('#comments')!.shadowRoot!.querySelector('.parley-body')!.innerHTML)).toBe(
        '<p>First <em>thought</em></p>',
      );
      expect(await text(tab, 'h2')).toBe('One thought on “Flow”');
      expect(await text(tab, 'form.parley-form h3')).toBe('Leave a Reply');
      expect(await tab.evaluate(() => document.querySelector('#comments')!.shadowRoot!.querySelector('.parley-meta a')!.getAttribute('href'))).toBe(
        'http://ada.example.com/',
      );

      await tab.click({ css: `${article} .parley-actions button`, text: 'Reply' });
      await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelector('form.parley-form h3')!.textContent!.includes('Reply to Ada'));
      await postAsGuest(tab, { text: 'A reply', name: 'Bob', email: 'bob@example.com' });
      await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelectorAll('ol.parley-replies article.parley-comment').length === 1);
      expect(await text(tab, 'h2')).toBe('2 thoughts on “Flow”');
      expect(await text(tab, 'ol.parley-replies .parley-body')).toBe('A reply');

      await tab.click({ css: `${article} .parley-actions button`, text: 'Like' });
      await tab.waitFor(
        () => document.querySelector('#comments')!.shadowRoot!.querySelector('article.parley-comment button[aria-pressed=true]')?.textContent === 'Like 1',
      );

      const reply = `${W}ol.parley-replies article.parley-comment`;
      await tab.click({ css: `${reply} .parley-actions button`, text: 'Edit' });
      await tab.fill(`${reply} textarea`, 'A better reply');
      await tab.click({ css: `${reply} button`, text: 'Save' });
      await tab.waitFor(
        () => document.querySelector('#comments')!.shadowRoot!.querySelector('ol.parley-replies .parley-body')?.textContent === 'A better reply',
      );

      await tab.click({ css: `${reply} .parley-actions button`, text: 'Delete' });
      await tab.click({ css: `${reply} .parley-actions button`, text: 'Delete' });
      await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelectorAll('article.parley-comment').length === 1);

      // What the reader did is what the server now holds.
      const thread = (await (await fetch(`${server.url}/api/comments?page=/flow/`)).json()) as { comments: { html: string; likes: number }[] };
      expect(thread.comments.map((c) => [c.html, c.likes])).toEqual([['<p>First <em>thought</em></p>', 1]]);
      await tab.close();
    });

    test('a #comment-ID link to a later page of the thread loads it, scrolls to it and highlights it', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 55; i++) ids.push(await seed('/long/', `Comment ${i}`, `R${i}`));
      const wanted = ids[53]!;
      const tab = await reader.open(host('/long/', { hash: `#comment-${wanted}` }));
      const seen = await tab.waitFor((id: number) => {
        const el = document.querySelector('#comments')?.shadowRoot?.getElementById(`comment-${id}`);
        const box = el?.getBoundingClientRect();
        // Highlighted and scrolled into view (waited for: the scroll may be smooth).
        return el?.classList.contains('parley-target') && box!.top >= 0 && box!.bottom <= innerHeight && { highlighted: true, inView: true };
      }, wanted);
      expect(seen).toEqual({ highlighted: true, inView: true });
      await tab.close();
    });

    test('the probe sees a third-party cookie where the browser allows them (the control experiment)', async () => {
      const control = await openReader(engine, { thirdPartyCookies: true });
      try {
        expect(await thirdPartyCookieSent(control)).toEqual({ firstParty: true, thirdParty: true });
      } finally {
        await control.close();
      }
    }, 120_000); // a second browser of its own: on a loaded machine Firefox takes long to start and stop

    test('signs in through the popup and its postMessage hand-over, with third-party cookies blocked', async () => {
      expect(await thirdPartyCookieSent(reader)).toEqual({ firstParty: true, thirdParty: false });

      const tab = await reader.open(host('/signed-in/'));
      const intro = 'Fill in your details below or click an icon to log in:';
      await tab.waitFor(
        (intro: string) => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form')?.textContent?.includes(intro),
        intro,
      );
      const popup = await tab.popup(() => tab.click({ css: `${W}.parley-signin button`, text: 'Log in with GitHub' }));
      await popup.click({ css: 'button', text: 'Sign in' });
      await popup.closed();

      const account = 'You are commenting using your GitHub account.';
      await tab.waitFor(
        (account: string) => document.querySelector('#comments')!.shadowRoot!.querySelector('form.parley-form')!.textContent!.includes(account),
        account,
      );
      expect(await text(tab, '.parley-account strong')).toBe('Ada Lovelace');
      await tab.fill(`${W}form.parley-form #parley-text`, 'Signed in from the popup');
      await tab.click({ css: `${W}form.parley-form button.parley-button`, text: 'Post Comment' });
      await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelector('.parley-comment .parley-badge')?.textContent === 'GitHub');
      expect(await text(tab, '.parley-comment .parley-meta b')).toBe('Ada Lovelace');

      const token = await tab.evaluate(() => JSON.parse(localStorage.getItem('parley:session') ?? '""') as string);
      const me = () => fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await me()).status).toBe(200);
      await tab.click({ css: `${W}form.parley-form button`, text: 'Log Out' });
      await shown(tab, '#parley-email');
      expect((await me()).status).toBe(401);
      await tab.close();
    });

    /** The thread's root (`section.parley`): its language and direction as declared and as laid out. */
    const rootLanguage = (tab: Tab) =>
      tab.evaluate(() => {
        const section = document.querySelector('#comments')!.shadowRoot!.querySelector('section.parley')!;
        return { lang: section.getAttribute('lang'), dir: section.getAttribute('dir'), direction: getComputedStyle(section).direction };
      });

    test("chooses the language: data-lang, else the page's <html lang> (pt is pt-PT); the root declares lang and dir", async () => {
      await seed('/lang/de/', 'Hallo', 'Ada');
      const german = await reader.open(host('/lang/de/', { title: 'Sprache', attributes: 'data-lang="de"' }));
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

      const portuguese = await reader.open(host('/lang/pt/', { html: 'lang="pt"' }));
      await portuguese.waitFor(
        (start: string) => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3')?.textContent === start,
        ptPT.start,
      );
      expect(await rootLanguage(portuguese)).toEqual({ lang: 'pt-PT', dir: 'ltr', direction: 'ltr' });
      await portuguese.close();

      // A right-to-left page in a language Parley has no words for: English words, the page's direction.
      const urdu = await reader.open(host('/lang/ur/', { html: 'lang="ur" dir="rtl"' }));
      await urdu.waitFor(() => document.querySelector('#comments')?.shadowRoot?.querySelector('form.parley-form h3')?.textContent === 'Start a Conversation');
      expect(await rootLanguage(urdu)).toEqual({ lang: 'en', dir: 'rtl', direction: 'rtl' });
      await urdu.close();
    });

    test('a Hebrew page is laid out right to left: avatars and indentation on the right, an English comment reads left to right', async () => {
      const top = await seed('/rtl/', 'שלום לכולם, תגובה ראשונה', 'Dana');
      await seed('/rtl/', 'An English reply in a Hebrew thread', 'Bob', top);
      const tab = await reader.open(host('/rtl/', { title: 'כותרת', html: 'lang="he" dir="rtl"' }));
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
      const phone = blog.serve(
        `/${engine}/narrow-phone/`,
        `<!doctype html><html><body style="margin:0"><iframe src="${post}" style="width:375px;height:2400px;border:0"></iframe></body></html>`,
      );
      const tab = await reader.open(phone);
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
        const tab = await reader.open(host('/looks/', { title: 'Looks', ...options }));
        await tab.waitFor(ready);
        await tab.screenshot('#comments', join(SCREENSHOTS, `${engine}-${variant}.png`));
        await tab.close();
      }

      // A phone's width: the post in a 375 px frame, whose viewport the widget's media queries see.
      const post = host('/looks/', { title: 'Looks', attributes: 'data-theme="light"' });
      const phone = blog.serve(
        `/${engine}/phone/`,
        `<!doctype html><html><body style="margin:0"><iframe src="${post}" style="width:375px;height:2000px;border:0"></iframe></body></html>`,
      );
      const tab = await reader.open(phone);
      const width = await tab.waitFor(() => {
        const frame = document.querySelector('iframe')!.contentWindow!;
        const rows = frame.document.querySelector('#comments')?.shadowRoot?.querySelectorAll('article.parley-comment');
        return rows?.length === 7 && frame.innerWidth;
      });
      expect(width).toBe(375);
      await tab.screenshot('iframe', join(SCREENSHOTS, `${engine}-375px.png`));
      await tab.close();
    });
  });
}
