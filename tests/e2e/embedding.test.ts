import { describe, expect, test } from 'vitest';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, useScene } from './host.ts';

describe.skipIf(!chromiumPath)('the widget on a host page', () => {
  const scene = useScene();
  test('comment counts on a listing page are filled in with one request', async () => {
    for (const page of ['/count-a/', '/count-a/', '/count-b/']) {
      await fetch(`${scene.server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page, text: `On ${page} ${Math.random()}`, author: { name: 'C', email: 'c@example.com' } }),
      });
    }
    const context = await scene.browser.newContext();
    const requests: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/api/counts')) requests.push(request.url());
    });
    const page = await openHost(context, scene.blog, scene.server, {
      page: '/listing/',
      body: '<ul><li><a id="a" href="/count-a/" data-parley-count="/count-a/">…</a></li><li><a id="b" href="/count-b/" data-parley-count="/count-b/">…</a></li><li><a id="c" href="/count-c/" data-parley-count="/count-c/">…</a></li></ul>',
    });
    await expect.poll(() => page.locator('#a').textContent()).toBe('2 Comments');
    expect(await page.locator('#b').textContent()).toBe('1 Comment');
    expect(await page.locator('#c').textContent()).toBe('Leave a comment');
    expect(requests).toHaveLength(1);
    await context.close();
  });

  test('a host stylesheet with aggressive global rules does not change the widget', async () => {
    const context = await scene.browser.newContext();
    await fetch(`${scene.server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/styled/', text: 'Styled?', author: { name: 'S', email: 's@example.com' } }),
    });
    const look = async (head: string) => {
      const page = await openHost(context, scene.blog, scene.server, { page: '/styled/', head });
      await area(page).locator('article.parley-comment').waitFor();
      const styles = await page.evaluate(() => {
        const root = document.querySelector('#comments')!.shadowRoot!;
        const pick = (selector: string) => {
          const style = getComputedStyle(root.querySelector(selector)!);
          return [style.color, style.display, style.fontFamily, style.fontSize, style.backgroundColor].join(' | ');
        };
        return ['h2', '.parley-body p', 'button.parley-button', 'label', 'textarea', 'time'].map(pick);
      });
      const box = await area(page).locator('button.parley-button').boundingBox();
      await page.close();
      return { styles, width: Math.round(box!.width) };
    };
    const clean = await look('');
    const hostile = await look(
      '<style>* { color: red !important; display: block; font: 40px Impact !important; background: yellow !important } button { width: 100% !important }</style>',
    );
    expect(hostile).toEqual(clean);
    await context.close();
  });

  test('the page stays usable when the server cannot be reached, and Retry recovers', async () => {
    const context = await scene.browser.newContext();
    let fail = true;
    await context.route(`${scene.server.url}/api/comments?**`, (route) => (fail ? route.abort('connectionrefused') : route.continue()));
    const page = await openHost(context, scene.blog, scene.server, { page: '/flaky/' });
    const retry = area(page).getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await area(page).getByRole('alert').first().textContent()).toContain('Comments could not be loaded.');
    fail = false;
    await retry.click();
    await expect.poll(() => area(page).locator('form.parley-form h3').textContent()).toBe('Start a Conversation');
    await context.close();
  });

  test('single-page apps mount, update and destroy threads with window.Parley', async () => {
    for (const page of ['/spa-1/', '/spa-2/']) {
      await fetch(`${scene.server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ page, text: `Comment on ${page}`, author: { name: 'S', email: 's@example.com' } }),
      });
    }
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/spa-shell/', body: '<div id="spa"></div>' });
    await page.waitForFunction(() => 'Parley' in window);
    await page.evaluate(() => {
      (window as any).handle = (window as any).Parley.mount(document.getElementById('spa'), { page: '/spa-1/', title: 'SPA one' });
    });
    const spa = page.locator('#spa');
    await expect.poll(() => spa.locator('.parley-body').allTextContents()).toEqual(['Comment on /spa-1/']);
    expect(await spa.locator('h2').textContent()).toBe('One thought on “SPA one”');
    await page.evaluate(() => (window as any).handle.update({ page: '/spa-2/', title: 'SPA two' }));
    await expect.poll(() => spa.locator('.parley-body').allTextContents()).toEqual(['Comment on /spa-2/']);
    expect(await spa.locator('h2').textContent()).toBe('One thought on “SPA two”');
    await page.evaluate(() => (window as any).handle.destroy());
    expect(await page.evaluate(() => document.getElementById('spa')!.shadowRoot!.childElementCount)).toBe(0);
    await context.close();
  });

  test("data-theme picks the dark colours; auto follows the reader's colour scheme", async () => {
    const background = async (options: { attributes?: string; scheme: 'light' | 'dark' }) => {
      const context = await scene.browser.newContext({ colorScheme: options.scheme });
      const page = await openHost(context, scene.blog, scene.server, { page: '/theme/', attributes: options.attributes });
      await area(page).locator('form.parley-form').waitFor();
      const color = await area(page)
        .locator('section.parley')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      await context.close();
      return color;
    };
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(29, 35, 39)';
    expect(await background({ scheme: 'light' })).toBe(light);
    expect(await background({ scheme: 'dark' })).toBe(dark);
    expect(await background({ scheme: 'light', attributes: 'data-theme="dark"' })).toBe(dark);
    expect(await background({ scheme: 'dark', attributes: 'data-theme="light"' })).toBe(light);
  });

  test('the whole flow works with the keyboard alone', async () => {
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/keyboard/' });
    await area(page).locator('form.parley-form').waitFor();
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? `${el.tagName.toLowerCase()}#${el.id}` : '';
      });
    for (let i = 0; i < 30 && (await focused()) !== 'textarea#parley-text'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('textarea#parley-text');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keys@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^button/);
    const outline = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return getComputedStyle(el!).outlineStyle;
    });
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => area(page).locator('.parley-body').textContent()).toBe('Typed without a mouse');
    await context.close();
  });
});
