import type { ElementHandle as PuppeteerHandle, Page as PuppeteerPage } from 'puppeteer-core';
import type { Reader, Tab, Where } from '../engines.ts';
import { VIEWPORT, target, findCall, call, describeTarget, poll, FIT, PAINTED, writePng, chord, FIREFOX } from './shared.ts';

export async function firefoxReader(block: boolean): Promise<Reader> {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: VIEWPORT,
    // 1: reject every third-party cookie (stricter than the default partitioning); 0: accept them all.
    extraPrefsFirefox: { 'network.cookie.cookieBehavior': block ? 1 : 0 },
  });
  const tab = (page: PuppeteerPage): Tab => {
    const handle = async (where: Where) => {
      const found = await poll(describeTarget(where), async () => (await page.evaluateHandle(findCall(where))).asElement());
      return found as PuppeteerHandle<HTMLElement>;
    };
    const self: Tab = {
      goto: async (url) => void (await page.goto(url)),
      evaluate: (fn, ...args) => page.evaluate(call(fn, args)) as never,
      waitFor: (fn, ...args) => poll(fn.toString(), () => self.evaluate(fn, ...args)),
      click: async (where) => (await handle(where)).click(),
      async fill(where, text) {
        const field = await handle(where);
        await field.evaluate((el) => {
          (el as HTMLInputElement).value = '';
          el.focus();
        });
        await field.type(text);
      },
      press: (key) =>
        chord(
          key,
          (k) => page.keyboard.down(k as never),
          (k) => page.keyboard.up(k as never),
        ),
      async screenshot(where, path) {
        const before = page.viewport()!;
        await page.setViewport({ ...before, height: Math.max(before.height, await self.evaluate(FIT, target(where).css)) });
        await self.evaluate(PAINTED);
        writePng(path, await (await handle(where)).screenshot());
        await page.setViewport(before);
      },
      async popup(action) {
        const [popup] = await Promise.all([new Promise<PuppeteerPage | null>((resolve) => page.once('popup', resolve)), action()]);
        if (!popup) throw new Error('the popup did not open');
        return tab(popup);
      },
      closed: () => (page.isClosed() ? Promise.resolve() : new Promise<void>((resolve) => page.once('close', () => resolve()))),
      close: () => page.close(),
    };
    return self;
  };
  return {
    engine: 'firefox',
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return tab(page);
    },
    close: () => browser.close(),
  };
}
