import { expect, test } from 'vitest';
import { openReader } from '../helpers/engines.ts';
import { thirdPartyCookieSent } from '../helpers/third-party-cookies.ts';
import { W, type ReaderScene } from './reader-scene.ts';

export function readingFlows(s: ReaderScene) {
  const { engine, host, seed, shown, text, postAsGuest } = s;
  test('reads a thread: comments with their replies nested under them, dates and permalinks', async () => {
    const first = await seed('/read/', 'A *first* comment', 'Ada');
    const reply = await seed('/read/', 'An answer', 'Bob', first);
    const tab = await s.reader.open(host('/read/', { title: 'Read' }));
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
    const tab = await s.reader.open(host('/flow/', { title: 'Flow' }));
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
    await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelector('ol.parley-replies .parley-body')?.textContent === 'A better reply');

    await tab.click({ css: `${reply} .parley-actions button`, text: 'Delete' });
    await tab.click({ css: `${reply} .parley-actions button`, text: 'Delete' });
    await tab.waitFor(() => document.querySelector('#comments')!.shadowRoot!.querySelectorAll('article.parley-comment').length === 1);

    // What the reader did is what the server now holds.
    const thread = (await (await fetch(`${s.server.url}/api/comments?page=/flow/`)).json()) as { comments: { html: string; likes: number }[] };
    expect(thread.comments.map((c) => [c.html, c.likes])).toEqual([['<p>First <em>thought</em></p>', 1]]);
    await tab.close();
  });

  test('a #comment-ID link to a later page of the thread loads it, scrolls to it and highlights it', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 55; i++) ids.push(await seed('/long/', `Comment ${i}`, `R${i}`));
    const wanted = ids[53]!;
    const tab = await s.reader.open(host('/long/', { hash: `#comment-${wanted}` }));
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
    expect(await thirdPartyCookieSent(s.reader)).toEqual({ firstParty: true, thirdParty: false });

    const tab = await s.reader.open(host('/signed-in/'));
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
    const me = () => fetch(`${s.server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    await tab.click({ css: `${W}form.parley-form button`, text: 'Log Out' });
    await shown(tab, '#parley-email');
    expect((await me()).status).toBe(401);
    await tab.close();
  });
}
