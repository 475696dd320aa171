import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Target, Where } from '../engines.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = ['4.1', '4.0', '6.0'].map((v) => `/usr/lib/x86_64-linux-gnu/webkit2gtk-${v}/MiniBrowser`).find(existsSync);
export const XVFB = '/usr/bin/Xvfb';

export const TIMEOUT = 30_000;
/** Every engine's window (Chromium and Firefox: its viewport; WebKit: MiniBrowser's window around it). */
export const VIEWPORT = { width: 1280, height: 900 };

/** The in-page finder for a Target, as source so every engine runs the same code. */
export const FIND = `(function (css, text) {
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

export const target = (where: Where): Target => (typeof where === 'string' ? { css: where } : where);
export const findCall = (where: Where) => `${FIND}(${JSON.stringify(target(where).css)}, ${JSON.stringify(target(where).text ?? null)})`;
export const call = (fn: (...args: never[]) => unknown, args: unknown[]) => `(${fn.toString()})(...${JSON.stringify(args)})`;
export const describeTarget = (where: Where) => JSON.stringify(target(where));

/** Polls `check` until it gives something truthy (errors count as not yet), or fails after the timeout. */
export async function poll<R>(what: string, check: () => Promise<R>, timeout = TIMEOUT): Promise<NonNullable<R>> {
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
export const FIT = (css: string) => {
  let root: Document | ShadowRoot = document;
  let el = null as Element | null;
  for (const hop of css.split(' >>> ')) {
    root = el?.shadowRoot ?? root;
    el = root.querySelector(hop);
  }
  return Math.ceil(el!.getBoundingClientRect().bottom + scrollY) + 16;
};
/** In-page: resolves after the next two frames, once a resize has been laid out and painted. */
export const PAINTED = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));

/**
 * In-page: a pixel in the viewport's corner (outside the shot) that changes colour every 30 ms while on.
 * WebKitGTK takes a screenshot at the next presentation update, and an idle page never has one.
 */
export const TICK = (on: boolean) => {
  const w = window as unknown as { parleyTick?: () => void };
  w.parleyTick?.();
  if (!on) return true;
  const pixel = document.createElement('div');
  pixel.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px';
  document.documentElement.append(pixel);
  let n = 0;
  const timer = setInterval(() => (pixel.style.background = n++ % 2 ? '#fff' : '#fefefe'), 30);
  w.parleyTick = () => {
    clearInterval(timer);
    pixel.remove();
    delete w.parleyTick;
  };
  return true;
};

export function writePng(path: string, png: Buffer | Uint8Array) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

export async function chord(keys: string, down: (key: string) => Promise<void>, up: (key: string) => Promise<void>) {
  const parts = keys.split('+');
  for (const key of parts) await down(key);
  for (const key of parts.reverse()) await up(key);
}
