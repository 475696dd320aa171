import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, or Debian's /usr/bin/chromium; undefined when neither exists. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((path) => path && existsSync(path));

export const NO_CHROMIUM_MESSAGE =
  '[parley] end-to-end tests skipped: no Chromium found. Install it with `apt-get update && apt-get install -y chromium` or set CHROMIUM_PATH.';

if (!chromiumPath) console.warn(NO_CHROMIUM_MESSAGE);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!chromiumPath) throw new Error(NO_CHROMIUM_MESSAGE);
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
