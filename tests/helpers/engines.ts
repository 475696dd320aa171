import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, ElementHandle as PlaywrightHandle, Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle as PuppeteerHandle, Page as PuppeteerPage } from 'puppeteer-core';
import { chromiumPath } from './browser.ts';
import { freePort, launchWithCookieControls } from './third-party-cookies.ts';

/**
 * The three browser engines the reader flows run in, behind one small interface:
 * Chromium (Playwright), Firefox (WebDriver BiDi through puppeteer-core) and
 * WebKit (W3C WebDriver classic against WebKitGTK's WebKitWebDriver + MiniBrowser,
 * under an Xvfb of its own). Each reader has third-party cookies blocked.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = ['4.1', '4.0', '6.0'].map((v) => `/usr/lib/x86_64-linux-gnu/webkit2gtk-${v}/MiniBrowser`).find(existsSync);
const XVFB = '/usr/bin/Xvfb';

/** What is missing to run an engine, with how to install it; `null` when it can run. */
export function missing(engine: EngineName): string | null {
  const lacks =
    engine === 'chromium'
      ? chromiumPath
        ? []
        : ['chromium']
      : engine === 'firefox'
        ? existsSync(FIREFOX)
          ? []
          : ['firefox-esr']
        : [...(existsSync(WEBKIT_DRIVER) && MINIBROWSER ? [] : ['webkit2gtk-driver']), ...(existsSync(XVFB) ? [] : ['xvfb'])];
  if (!lacks.length) return null;
  return `[parley] ${engine} end-to-end tests skipped: install it with \`apt-get update && apt-get install -y ${lacks.join(' ')}\`.`;
}

/**
 * Whether to skip an engine's tests: locally when it is missing (saying how to install it),
 * never in CI, where a missing engine fails the run instead.
 */
export function skipEngine(engine: EngineName): boolean {
  const why = missing(engine);
  if (!why) return false;
  if (process.env.CI === 'true') throw new Error(why.replace('tests skipped', 'tests cannot run in CI'));
  console.warn(why);
  return true;
}

/**
 * A place in the page: CSS selectors, ` >>> ` stepping into an element's open shadow root
 * (`#comments >>> button`), and optionally the element's exact text or aria-label.
 */
export interface Target {
  css: string;
  text?: string;
}

type Where = string | Target;

/** One browser tab (or popup window) as the reader flows drive it. */
export interface Tab {
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page (it may be async) with JSON arguments and returns its JSON result. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** Waits until `fn` in the page returns something truthy and JSON (not a DOM node: engines differ there), and returns it. */
  waitFor<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** A real click (pointer events through the browser's input) on the element, once it exists. */
  click(where: Where): Promise<void>;
  /** Replaces the field's text by typing `text` into it. */
  fill(where: Where, text: string): Promise<void>;
  /** A key press on the focused element: `Enter`, `Tab`, `Escape`, or a chord like `Control+Enter`. */
  press(key: string): Promise<void>;
  /** A PNG of the element, written to `path`. */
  screenshot(where: Where, path: string): Promise<void>;
  /** Runs `action` and returns the window it opened (e.g. the sign-in popup). */
  popup(action: () => Promise<void>): Promise<Tab>;
  /** Resolves once this window has been closed (e.g. by its own script). */
  closed(): Promise<void>;
  close(): Promise<void>;
}

/** One browser profile with third-party cookies blocked, shared by a test file. */
export interface Reader {
  engine: EngineName;
  open(url: string): Promise<Tab>;
  close(): Promise<void>;
}

const TIMEOUT = 30_000;
/** Every engine's window (Chromium and Firefox: its viewport; WebKit: MiniBrowser's window around it). */
const VIEWPORT = { width: 1280, height: 900 };

/** The in-page finder for a Target, as source so every engine runs the same code. */
const FIND = `(function (css, text) {
  var root = document, el = null, hops = css.split(' >>> ');
  for (var i = 0; i < hops.length; i++) {
    var all = Array.prototype.slice.call(root.querySelectorAll(hops[i]));
    el = i < hops.length - 1 || text == null ? all[0] : all.find(function (e) {
      return e.textContent.trim() === text || e.getAttribute('aria-label') === text;
    });
    if (!el) return null;
    if (i < hops.length - 1 && !(root = el.shadowRoot)) return null;
  }
  return el;
})`;

const target = (where: Where): Target => (typeof where === 'string' ? { css: where } : where);
const findCall = (where: Where) => `${FIND}(${JSON.stringify(target(where).css)}, ${JSON.stringify(target(where).text ?? null)})`;
const call = (fn: Function, args: unknown[]) => `(${fn.toString()})(...${JSON.stringify(args)})`;
const describeTarget = (where: Where) => JSON.stringify(target(where));

/** Polls `check` until it gives something truthy (errors count as not yet), or fails after the timeout. */
async function poll<R>(what: string, check: () => Promise<R>, timeout = TIMEOUT): Promise<NonNullable<R>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<R>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(100);
  }
}

/**
 * In-page: how tall the viewport must be to hold the whole element without scrolling (comments off-screen
 * are not painted, `content-visibility: auto`, and WebKit's element screenshots stop at the viewport).
 */
const FIT = (css: string) => {
  let root: Document | ShadowRoot = document;
  let el = null as Element | null;
  for (const hop of css.split(' >>> ')) el = (root = el?.shadowRoot ?? root).querySelector(hop);
  return Math.ceil(el!.getBoundingClientRect().bottom + scrollY) + 16;
};
/** In-page: resolves after the next two frames, once a resize has been laid out and painted. */
const PAINTED = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));

/**
 * In-page: a pixel in the viewport's corner (outside the shot) that changes colour every 30 ms while on.
 * WebKitGTK takes a screenshot at the next presentation update, and an idle page never has one.
 */
const TICK = (on: boolean) => {
  const w = window as unknown as { parleyTick?: () => void };
  w.parleyTick?.();
  if (!on) return true;
  const pixel = document.createElement('div');
  pixel.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px';
  document.documentElement.append(pixel);
  let n = 0;
  const timer = setInterval(() => (pixel.style.background = n++ % 2 ? '#fff' : '#fefefe'), 30);
  w.parleyTick = () => (clearInterval(timer), pixel.remove(), delete w.parleyTick);
  return true;
};

function writePng(path: string, png: Buffer | Uint8Array) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

/**
 * Opens a reader (one profile) in `engine`, with third-party cookies blocked as Safari does by
 * default; `{ thirdPartyCookies: true }` allows them, for the control experiment.
 */
export function openReader(engine: EngineName, { thirdPartyCookies = false } = {}): Promise<Reader> {
  const block = !thirdPartyCookies;
  return engine === 'chromium' ? chromiumReader(block) : engine === 'firefox' ? firefoxReader(block) : webkitReader(block);
}

// ---------------------------------------------------------------- Chromium (Playwright)

async function chromiumReader(block: boolean): Promise<Reader> {
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

// ---------------------------------------------------------------- Firefox (WebDriver BiDi, puppeteer-core)

async function firefoxReader(block: boolean): Promise<Reader> {
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
        await field.evaluate((el) => (((el as HTMLInputElement).value = ''), el.focus()));
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

async function chord(keys: string, down: (key: string) => Promise<void>, up: (key: string) => Promise<void>) {
  const parts = keys.split('+');
  for (const key of parts) await down(key);
  for (const key of parts.reverse()) await up(key);
}

// ---------------------------------------------------------------- WebKit (W3C WebDriver classic)

/** WebDriver's code points for the keys the flows press. */
const KEYS: Record<string, string> = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Control: '\uE009',
  Shift: '\uE008',
  Meta: '\uE03D',
  Backspace: '\uE003',
};
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function webkitReader(block: boolean): Promise<Reader> {
  const processes: ChildProcess[] = [];
  const stopAll = () => processes.reverse().forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  try {
    const display = await startXvfb(processes);
    const port = await freePort();
    const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
      stdio: 'ignore',
    });
    processes.push(driver);
    const base = `http://127.0.0.1:${port}`;
    await poll('WebKitWebDriver to listen', async () => (await fetch(`${base}/status`)).ok, 10_000);
    const { sessionId } = await webdriver<{ sessionId: string }>(base, 'POST', '/session', {
      capabilities: {
        // Safari's defaults: no third-party cookie set (`no-third-party`, also WebKitGTK's default) and, with
        // Intelligent Tracking Prevention, none sent either (without it, one set first-party is still sent cross-site).
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': {
            binary: MINIBROWSER,
            args: ['--automation', ...(block ? ['--cookies-policy=no-third-party', '--enable-itp'] : ['--cookies-policy=always'])],
          },
        },
      },
    });
    const session = `${base}/session/${sessionId}`;
    const wd = <T>(method: string, path: string, body?: unknown) => webdriver<T>(session, method, path, body);
    await wd('POST', '/window/rect', VIEWPORT);
    let current = await wd<string>('GET', '/window');
    /** A window kept open for the next tab: closing the last one would end the session. */
    let spare: string | null = current;

    const tab = (handle: string): Tab => {
      const use = async () => {
        if (current !== handle) await wd('POST', '/window', { handle });
        current = handle;
      };
      const element = async (where: Where) => {
        await use();
        const found = await poll(describeTarget(where), () =>
          wd<Record<string, string> | null>('POST', '/execute/sync', { script: `return ${findCall(where)}`, args: [] }),
        );
        return found[ELEMENT]!;
      };
      const self: Tab = {
        goto: async (url) => (await use(), void (await wd('POST', '/url', { url }))),
        async evaluate(fn, ...args) {
          await use();
          const script = `var done = arguments[0]; Promise.resolve().then(function () { return ${call(fn, args)}; }).then(
            function (value) { done({ value: value === undefined ? null : value }); },
            function (error) { done({ error: String(error && error.stack || error) }); });`;
          const answer = await wd<{ value?: unknown; error?: string }>('POST', '/execute/async', { script, args: [] });
          if (answer.error) throw new Error(`in WebKit: ${answer.error}`);
          return answer.value as never;
        },
        waitFor: (fn, ...args) => poll(fn.toString(), () => self.evaluate(fn, ...args)),
        async click(where) {
          const id = await element(where);
          await wd('POST', `/element/${id}/click`, {});
        },
        async fill(where, text) {
          const id = await element(where);
          await wd('POST', `/element/${id}/clear`, {});
          await wd('POST', `/element/${id}/value`, { text });
        },
        async press(key) {
          await use();
          const codes = key.split('+').map((k) => KEYS[k] ?? k);
          const actions = [...codes.map((value) => ({ type: 'keyDown', value })), ...codes.reverse().map((value) => ({ type: 'keyUp', value }))];
          await wd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
          await wd('DELETE', '/actions');
        },
        async screenshot(where, path) {
          const id = await element(where);
          const [height, inner] = [await self.evaluate(FIT, target(where).css), await self.evaluate(() => innerHeight)];
          const before = await wd<{ width: number; height: number }>('GET', '/window/rect');
          if (height > inner) await wd('POST', '/window/rect', { width: before.width, height: before.height + height - inner });
          await self.evaluate(PAINTED);
          await self.evaluate(TICK, true);
          writePng(path, Buffer.from(await wd<string>('GET', `/element/${id}/screenshot`), 'base64'));
          await self.evaluate(TICK, false);
          await wd('POST', '/window/rect', before);
        },
        async popup(action) {
          const before = new Set(await wd<string[]>('GET', '/window/handles'));
          await action();
          const opened = await poll('a popup window', async () => (await wd<string[]>('GET', '/window/handles')).find((h) => !before.has(h)));
          return tab(opened);
        },
        closed: () => poll('the window to close', async () => !(await wd<string[]>('GET', '/window/handles')).includes(handle)).then(() => {}),
        async close() {
          await use();
          if ((await wd<string[]>('GET', '/window/handles')).length > 1) return void (await wd('DELETE', '/window'));
          await wd('POST', '/url', { url: 'about:blank' });
          spare = handle;
        },
      };
      return self;
    };

    return {
      engine: 'webkit',
      async open(url) {
        const handle = spare ?? (await wd<{ handle: string }>('POST', '/window/new', { type: 'tab' })).handle;
        spare = null;
        const opened = tab(handle);
        await opened.goto(url);
        return opened;
      },
      async close() {
        await wd('DELETE', '').catch(() => {});
        stopAll();
      },
    };
  } catch (error) {
    stopAll();
    throw error;
  }
}

/** A WebDriver command; throws the driver's error with its message. */
async function webdriver<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok || answer.value?.error) throw new Error(`WebDriver ${method} ${path}: ${answer.value?.error}: ${answer.value?.message}`);
  return answer.value;
}

/** An Xvfb on a display it picks itself (`-displayfd`), for MiniBrowser to draw into. */
function startXvfb(processes: ChildProcess[]): Promise<string> {
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1400x2400x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  processes.push(xvfb);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start in 10 s')), 10_000);
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('\n')) clearTimeout(timer), resolve(`:${out.trim()}`);
    });
    xvfb.on('exit', (code) => (clearTimeout(timer), reject(new Error(`Xvfb exited with ${code}`))));
  });
}
