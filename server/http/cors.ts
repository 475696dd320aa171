import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';
import { acceptedEncoding, compress, COMPRESS_MIN_BYTES, pick, type Bytes, type EncodedBody } from './encoding.ts';

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const ALLOW_HEADERS = 'Content-Type, Authorization, X-Parley-Token, X-Parley-Tokens, X-Parley-Reader';

/** Responses that already carry their CORS headers (see `sendJson`); the middleware leaves them alone. */
const complete = new WeakSet<Response>();

/** The CORS headers a response gets for a request from `origin` (frozen objects, one per origin). */
export type CorsHeadersFor = (origin: string | undefined) => Readonly<Record<string, string>>;

/** Any origin while `siteOrigins` is empty; otherwise only those, each answered with its own name. */
export function corsHeadersFor(siteOrigins: readonly string[]): CorsHeadersFor {
  const allowed = new Set(siteOrigins);
  const byOrigin = new Map<string, Readonly<Record<string, string>>>();
  return (origin) => {
    if (allowed.size === 0) return ANY;
    if (!origin || !allowed.has(origin)) return NONE;
    let headers = byOrigin.get(origin);
    if (!headers) {
      headers = Object.freeze({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' });
      byOrigin.set(origin, headers);
    }
    return headers;
  };
}

/**
 * CORS for the public API, without touching a response's headers on the hot
 * path: handlers that answer with `sendJson` get the headers in a plain object
 * (node-server then writes them directly); other responses get them added after.
 * Only `SITE_ORIGINS` are allowed when it is set (any origin when it is empty),
 * and a state-changing request from another origin is refused with 403.
 */
export function createCors(headersFor: CorsHeadersFor): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const headers = headersFor(origin);
    if (c.req.method === 'OPTIONS') {
      const preflight =
        headers === NONE
          ? {}
          : {
              ...headers,
              'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
              'Access-Control-Allow-Headers': ALLOW_HEADERS,
              'Access-Control-Max-Age': '86400',
            };
      return new Response(null, { status: 204, headers: preflight });
    }
    if (origin && headers === NONE && STATE_CHANGING.has(c.req.method)) {
      throw new AppError(403, 'origin_not_allowed', `Pages on ${origin} may not post to this comment server.`);
    }
    c.set('cors' as never, headers as never);
    await next();
    if (headers !== NONE && !complete.has(c.res)) for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

const ANY = Object.freeze({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' });
const NONE = Object.freeze({});

/** The CORS headers the middleware chose for this request. */
export const corsHeaders = (c: Context): Readonly<Record<string, string>> => (c.get('cors' as never) as Record<string, string> | undefined) ?? NONE;

/** Whether `response` was made by `sendJson`: CORS and encoding are settled, its headers need not be touched. */
export const isComplete = (response: Response): boolean => complete.has(response);

/**
 * A JSON answer with its headers as a plain object, CORS included: the fast
 * path for the hottest reads (a cached thread page, counts). An `EncodedBody`
 * (from the response cache) goes out in the form the client accepts; a plain
 * body of 1 KB or more is compressed for this one answer.
 */
export function sendJson(c: Context, body: string | Bytes | EncodedBody, status = 200, extra?: Record<string, string>): Response {
  return jsonAnswer(c.req.header('accept-encoding'), corsHeaders(c), body, status, extra);
}

/** `sendJson` without a Hono context: for the reads answered before the router (fast-reads.ts). */
export function jsonAnswer(
  acceptEncoding: string | undefined,
  cors: Readonly<Record<string, string>>,
  body: string | Bytes | EncodedBody,
  status = 200,
  extra?: Record<string, string>,
): Response {
  const encoding = acceptedEncoding(acceptEncoding);
  let bytes: string | Bytes;
  let encoded: Record<string, string> | undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    bytes = body;
    const size = typeof body === 'string' ? body.length : body.byteLength;
    if (encoding !== 'identity' && size >= COMPRESS_MIN_BYTES) {
      bytes = compress(typeof body === 'string' ? (new Uint8Array(Buffer.from(body)) as Bytes) : body, encoding);
      encoded = { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' };
    }
  } else {
    ({ bytes, headers: encoded } = pick(body, encoding));
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', ...cors, ...extra, ...encoded };
  // Both CORS (by origin) and the encoding make the answer vary.
  if (encoded?.Vary && cors.Vary) headers.Vary = `${cors.Vary}, Accept-Encoding`;
  const response = new Response(bytes, { status, headers });
  complete.add(response);
  return response;
}
