import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AkismetMode = 'normal' | 'error' | 'hang' | 'invalid';

/**
 * A local HTTP server speaking Akismet's protocol (https://akismet.com/developers/):
 * form-encoded POSTs to /1.1/comment-check answer `true` for spam — the
 * author `viagra-test-123` or the email `akismet-guaranteed-spam@example.com`,
 * as the real service does — and `false` otherwise; a wrong key answers
 * `invalid`. `mode` simulates outages.
 */
export async function startAkismetServer(key: string) {
  const requests: Array<{ path: string; form: Record<string, string> }> = [];
  const state = { mode: 'normal' as AkismetMode };
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push({ path: req.url ?? '', form });
    if (state.mode === 'hang') return void hanging.add(res);
    if (state.mode === 'error') return void res.writeHead(503).end('Service Unavailable');
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-www-form-urlencoded') return void res.writeHead(400).end('bad request');
    if (form.api_key !== key || state.mode === 'invalid') {
      return void res.writeHead(200, { 'X-akismet-debug-help': 'Empty "api_key" or invalid key' }).end('invalid');
    }
    if (req.url === '/1.1/comment-check') {
      const spam = form.comment_author === 'viagra-test-123' || form.comment_author_email === 'akismet-guaranteed-spam@example.com';
      return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end(spam ? 'true' : 'false');
    }
    if (req.url === '/1.1/submit-spam' || req.url === '/1.1/submit-ham') {
      return void res.writeHead(200).end('Thanks for making the web a better place.');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setMode: (mode: AkismetMode) => {
      state.mode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
