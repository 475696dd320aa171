/**
 * Compressed delivery: which encoding a client accepts (`Accept-Encoding`,
 * q-values honoured), and bodies that carry their compressed forms beside the
 * raw bytes, made once — at build time for the widget's files, when a thread
 * page enters the response cache — never per request on the hot path.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';
export type Bytes = Uint8Array<ArrayBuffer>;

/** Bodies smaller than this go out as they are: compression would save less than a packet. */
export const COMPRESS_MIN_BYTES = 1024;

/** The raw bytes of a response and, for one of 1 KB or more, its brotli and gzip forms. */
export interface EncodedBody {
  readonly raw: Bytes;
  readonly br?: Bytes;
  readonly gzip?: Bytes;
  /** Bytes held, all forms together (what a cache budget counts). */
  readonly bytes: number;
}

/** Quality for bodies compressed while serving: brotli 6 / gzip 6 take about 0.7 / 0.2 ms for a 33 KB thread page. */
const DYNAMIC = { br: 6, gzip: 6 };

export function compress(raw: Bytes, encoding: 'br' | 'gzip', quality = DYNAMIC[encoding]): Bytes {
  const out =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzipSync(raw, { level: quality });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength) as Bytes;
}

/** `raw` with its compressed forms when it is worth compressing (given ones are taken as they are). */
export function encodedBody(raw: Bytes | string, given: { br?: Bytes; gzip?: Bytes } = {}): EncodedBody {
  const bytes = typeof raw === 'string' ? (new Uint8Array(Buffer.from(raw)) as Bytes) : raw;
  if (bytes.length < COMPRESS_MIN_BYTES) return { raw: bytes, bytes: bytes.length };
  const br = given.br ?? compress(bytes, 'br');
  const gzip = given.gzip ?? compress(bytes, 'gzip');
  return { raw: bytes, br, gzip, bytes: bytes.length + br.length + gzip.length };
}

/** The form of `body` to send for `encoding`, and the `Content-Encoding` header it needs. */
export function pick(body: EncodedBody, encoding: Encoding): { bytes: Bytes; headers: Record<string, string> } {
  const encoded = encoding === 'identity' ? undefined : body[encoding];
  return encoded ? { bytes: encoded, headers: { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' } } : { bytes: body.raw, headers: body.br ? VARY : {} };
}

const VARY = Object.freeze({ Vary: 'Accept-Encoding' });

/** Parsed `Accept-Encoding` values; browsers send a handful of distinct ones, so a small map spares the parse. */
const chosen = new Map<string, Encoding>();

/**
 * The best encoding `header` accepts: brotli before gzip at equal weight, identity when neither is
 * acceptable (`q=0`, or not named and no `*`). Parsed once per distinct header value.
 */
export function acceptedEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let encoding = chosen.get(header);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(header);
    if (chosen.size >= 64) chosen.clear();
    chosen.set(header, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(header: string): Encoding {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0);
  }
  const weightOf = (name: string) => weights.get(name) ?? (name === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
}

/** Content types worth compressing (not images, fonts or event streams). */
export const compressible = (type: string | null | undefined): boolean =>
  !!type && /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|atom\+xml|manifest\+json)|image\/svg\+xml)/i.test(type);
