import type { BrowserContext, ElementHandle as PlaywrightHandle, Page as PlaywrightPage } from 'playwright-core';
import { launchWithCookieControls } from '../third-party-cookies.ts';
import type { Reader, Tab, Where } from '../engines.ts';
import { VIEWPORT, target, findCall, call, describeTarget, poll, FIT, PAINTED, writePng } from './shared.ts';

export async function chromiumReader(block: boolean): Promise<Reader> {
  const profile = await launchWithCookieControls(block);
  const tab = (page: PlaywrightPage, context: BrowserContext): Tab => {
    const handle = async (where: Where) => {
      const found = await poll(describeTarget(where), async () => (await page.evaluateHandle(findCall(where))).asElement());
      return found as PlaywrightHandle<HTMLElement>;
    };
    const self: Tab = {
      goto: async (url) => void (await page.goto(url)),
      evaluate: (fn, ...args) => page.evaluate(call(fn, args)),
      waitFor: (fn, ...args) => poll(fn.toString(), () => self.evaluate(fn, ...args)),
      click: async (where) => (await handle(where)).click(),
      fill: async (where, text) => (await handle(where)).fill(text),
      press: (key) => page.keyboard.press(key),
      async screenshot(where, path) {
        const before = page.viewportSize()!;
        await page.setViewportSize({ width: before.width, height: Math.max(before.height, await self.evaluate(FIT, target(where).css)) });
        await self.evaluate(PAINTED);
        writePng(path, await (await handle(where)).screenshot());
        await page.setViewportSize(before);
      },
      async popup(action) {
        const [popup] = await Promise.all([context.waitForEvent('page'), action()]);
        return tab(popup, context);
      },
      closed: () => (page.isClosed() ? Promise.resolve() : page.waitForEvent('close').then(() => {})),
      close: () => page.close(),
    };
    return self;
  };
  return {
    engine: 'chromium',
    async open(url) {
      const page = await profile.context.newPage();
      await page.setViewportSize(VIEWPORT);
      await page.goto(url);
      return tab(page, profile.context);
    },
    close: () => profile.close(),
  };
}
