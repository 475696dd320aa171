import { existsSync } from 'node:fs';
import { chromiumPath } from './browser.ts';
import { chromiumReader } from './engines/chromium.ts';
import { firefoxReader } from './engines/firefox.ts';
import { FIREFOX, MINIBROWSER, WEBKIT_DRIVER, XVFB } from './engines/shared.ts';
import { webkitReader } from './engines/webkit.ts';

/**
 * The three browser engines the reader flows run in, behind one small interface:
 * Chromium (Playwright), Firefox (WebDriver BiDi through puppeteer-core) and
 * WebKit (W3C WebDriver classic against WebKitGTK's WebKitWebDriver + MiniBrowser,
 * under an Xvfb of its own). Each reader has third-party cookies blocked. Each engine's reader is
 * in engines/<engine>.ts; what they share in engines/shared.ts.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

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

export type Where = string | Target;

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

/**
 * Opens a reader (one profile) in `engine`, with third-party cookies blocked as Safari does by
 * default; `{ thirdPartyCookies: true }` allows them, for the control experiment.
 */
export function openReader(engine: EngineName, { thirdPartyCookies = false } = {}): Promise<Reader> {
  const block = !thirdPartyCookies;
  return engine === 'chromium' ? chromiumReader(block) : engine === 'firefox' ? firefoxReader(block) : webkitReader(block);
}
