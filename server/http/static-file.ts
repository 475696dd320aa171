/**
 * Files of the built widget and admin view, read from dist/ once and kept with
 * their brotli and gzip forms: the `.br` and `.gz` files the build writes beside
 * each file, or, where those are missing (a file built some other way), made
 * once at the first request at the highest quality.
 */
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { acceptedEncoding, compress, encodedBody, pick, type Bytes, type EncodedBody } from './encoding.ts';

export interface StaticFile extends EncodedBody {
  /** The strong validator of the raw bytes; each encoded form gets its own (`"…-br"`, `"…-gz"`). */
  readonly etag: string;
}

const bytesOf = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Bytes;
const readOrNull = (path: string) => readFile(path).then(bytesOf, () => null);

/** Reads `path` and its `.br`/`.gz` siblings; null when the file is missing. */
export async function loadStaticFile(path: string): Promise<StaticFile | null> {
  const raw = await readOrNull(path);
  if (!raw) return null;
  const etag = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  if (!TEXT.test(path)) return { raw, bytes: raw.length, etag };
  const [br, gzip] = await Promise.all([readOrNull(`${path}.br`), readOrNull(`${path}.gz`)]);
  const body = encodedBody(raw, { br: br ?? compress(raw, 'br', 11), gzip: gzip ?? compress(raw, 'gzip', 9) });
  return { ...body, etag };
}

/** Files worth compressing (images and fonts are compressed already). */
const TEXT = /\.(?:js|mjs|css|json|html|svg|txt|xml|map)$/;

/** Keeps each file's load (a promise) by path; a missing file is looked for again next time. */
export function createStaticFiles() {
  const loaded = new Map<string, Promise<StaticFile | null>>();
  return async (path: string): Promise<StaticFile | null> => {
    let entry = loaded.get(path);
    if (!entry) {
      entry = loadStaticFile(path);
      loaded.set(path, entry);
    }
    const file = await entry;
    if (!file) loaded.delete(path);
    return file;
  };
}

const SUFFIX: Record<string, string> = { br: '-br', gzip: '-gz' };

/**
 * Answers with `file` in the encoding the client accepts, or `304` when its
 * `If-None-Match` names the file (in any encoding: the content is the same).
 */
export function sendStatic(c: Context, file: StaticFile, headers: Record<string, string>): Response {
  const { bytes, headers: encoding } = pick(file, acceptedEncoding(c.req.header('accept-encoding')));
  const etag = `"${file.etag}${SUFFIX[encoding['Content-Encoding'] ?? ''] ?? ''}"`;
  const all: Record<string, string> = { ...headers, ...encoding, ETag: etag };
  if (matches(c.req.header('if-none-match'), file.etag)) {
    delete all['Content-Encoding'];
    return new Response(null, { status: 304, headers: all });
  }
  return new Response(bytes, { status: 200, headers: all });
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some(
    (tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"|"$/g, '')
        .replace(/-(?:br|gz)$/, '') === etag,
  );
}
