/**
 * One HTTP request to a webhook target, as guarded as a fetch a stranger could steer: the
 * address is checked when it is resolved (target-address.ts), no redirect is followed, the
 * whole exchange has a time limit, and at most a few KB of the answer are read.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookRequest } from './formats.ts';
import { guardedLookup, isLoopbackHost, refusedAddress, type Lookup } from './target-address.ts';

export interface DeliverOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** The resolver names go through (node:dns unless a test gives its own). */
  lookup?: Lookup;
  /** Keep-alive connections (createAgents); none: a connection per request. */
  agents?: Agents;
}

export type Agents = ReturnType<typeof createAgents>;

/**
 * Keep-alive agents, one for http and one for https, a few sockets per receiver. A kept socket
 * was connected to an address checked when it was opened; a new one is checked again.
 */
export function createAgents() {
  const options = { keepAlive: true, maxSockets: 4, maxFreeSockets: 4, timeout: 30_000 };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    for: (protocol: string) => (protocol === 'https:' ? https : http),
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

/** Bytes of a receiver's answer kept for the admin view's "last error". */
const ANSWER_BYTES = 2048;

export type Delivered = { ok: true; status: number } | { ok: false; status: number; error: string; permanent: boolean };

export async function deliver(req: WebhookRequest, o: DeliverOptions): Promise<Delivered> {
  const url = new URL(req.url);
  const loopback = isLoopbackHost(url.hostname);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return refused(`the target is not https: ${url.origin}`);
  if (isIP(host) && !loopback) {
    const reason = refusedAddress(host, o.allowPrivate);
    if (reason) return refused(`the target ${reason}`);
  }
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    const answer = await send(req, url, guardedLookup(o.allowPrivate, loopback, o.lookup), signal, o.agents?.for(url.protocol));
    if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status };
    const said = answer.body ? `: ${answer.body.replace(/\s+/g, ' ').slice(0, 300)}` : '';
    if (answer.status >= 300 && answer.status < 400)
      return { ok: false, status: answer.status, error: `the receiver answered ${answer.status} (redirects are not followed)`, permanent: true };
    // A gone or refusing receiver stays so; a busy or broken one may recover.
    const permanent = answer.status >= 400 && answer.status < 500 && ![408, 425, 429].includes(answer.status);
    return { ok: false, status: answer.status, error: `the receiver answered ${answer.status}${said}`, permanent };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EREFUSEDTARGET') return refused((error as Error).message);
    const reason = signal.aborted ? `no answer within ${o.timeoutMs / 1000} s` : (error as Error).message || String(code);
    return { ok: false, status: 0, error: reason, permanent: false };
  }
}

const refused = (error: string): Delivered => ({ ok: false, status: 0, error, permanent: true });

function send(req: WebhookRequest, url: URL, lookup: Lookup, signal: AbortSignal, agent: HttpAgent | undefined) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: req.method, signal, lookup, agent, headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) } },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          const room = ANSWER_BYTES - size;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += chunk.length;
          if (size >= ANSWER_BYTES) {
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(req.body);
  });
}
