/** WebKitGTK (Safari's engine): W3C WebDriver classic against WebKitWebDriver and MiniBrowser, under an Xvfb of its own. */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../third-party-cookies.ts';
import type { Reader, Tab, Where } from '../engines.ts';
import { VIEWPORT, target, findCall, call, describeTarget, poll, FIT, PAINTED, TICK, writePng, WEBKIT_DRIVER, MINIBROWSER, XVFB } from './shared.ts';

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

export async function webkitReader(block: boolean): Promise<Reader> {
  const processes: ChildProcess[] = [];
  const stopAll = () => {
    for (const child of processes.reverse()) if (child.exitCode === null) child.kill('SIGKILL');
  };
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
        async goto(url) {
          await use();
          await wd('POST', '/url', { url });
        },
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
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}`));
    });
  });
}
