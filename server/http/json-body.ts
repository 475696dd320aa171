import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.ts';
import { hasLoneSurrogate } from '../lib/unicode-text.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request's JSON body: 415 unless it says it is JSON, 413 past 64 KB
 * (checked on the declared length and on the bytes read), 400 when it does not parse
 * or when any of its strings holds a lone surrogate (`"\ud800"`: valid JSON, but
 * no text that UTF-8 can store), naming the field.
 *
 * Under @hono/node-server the bytes are read straight from Node's request
 * stream: going through the web `Request` would build a stream and its
 * machinery for every post.
 */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const text = await bodyText(c);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const broken = brokenText(value, '');
  if (broken !== null) {
    const field = broken || 'body';
    throw new AppError(400, 'invalid_characters', `${field.split('.').at(-1)} holds a lone surrogate, which is not valid Unicode text.`, field);
  }
  return value;
}

/** The request body as text, 413 past 64 KB (checked on the declared length and on the bytes read). */
export async function bodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Straight from Node's stream only while nothing else reads it: a middleware that
  // wraps the body (hono's bodyLimit) has it flowing already, and once the request is
  // awaited on (a shared rate limit), its end would come and go unseen.
  const direct = incoming && incoming.readableFlowing === null && !incoming.readableEnded;
  return direct ? await readLimited(incoming) : await readWeb(c);
}

/** The path of the first string (or key) in `value` with a lone surrogate, or null. */
function brokenText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (hasLoneSurrogate(key)) return at;
    const found = brokenText(item, at);
    if (found !== null) return found;
  }
  return null;
}

/** The client went away before its request body arrived: nothing to answer, one line to log. */
export class UploadAborted extends Error {
  constructor(
    /** The bytes that came, when the reader counted them. */
    readonly received: number | null,
    readonly declared: number,
  ) {
    const of = `${declared || 'unknown'} bytes`;
    super(`the client went away before its request body arrived (${received === null ? `${of} declared` : `${received} of ${of}`})`);
    this.name = 'UploadAborted';
  }
}

/**
 * `error` as an UploadAborted when it is the request's own body breaking off —
 * what any reader of it (`c.req.parseBody()`, `c.req.arrayBuffer()`, hono's
 * bodyLimit) rejects with when the client goes away mid-body: Node's
 * `Error('aborted')` with code ECONNRESET, on a request that never completed.
 * Else null. `app.onError` asks this of every error, so no route has to.
 */
export function uploadAborted(error: unknown, c: Context): UploadAborted | null {
  if (error instanceof UploadAborted) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ECONNRESET' || message !== 'aborted') return null;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.complete) return null;
  return new UploadAborted(null, Number(c.req.header('content-length') ?? 0));
}

function readLimited(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: unknown) => {
      incoming.off('data', onData);
      incoming.resume();
      reject(error);
    };
    const aborted = () => fail(new UploadAborted(size, Number(incoming.headers['content-length'] ?? 0)));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) fail(tooLarge());
      else chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    // Node reports a connection closed mid-body as an error ("aborted", ECONNRESET), or only as a close.
    incoming.once('error', aborted);
    incoming.once('close', () => incoming.readableEnded || aborted());
  });
}

async function readWeb(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  return new TextDecoder().decode(bytes);
}

const tooLarge = () => new AppError(413, 'body_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
