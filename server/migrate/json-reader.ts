import { Tokenizer, TokenParser, type ParsedElementInfo } from '@streamparser/json';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { z } from 'zod';
import type { ReaderOptions, SourceRecord } from './records.ts';
import { ImportFileError } from './xml-reader.ts';
import { exportSchema } from './json-schema.ts';
import { website } from './normalize.ts';
import { isPageKey } from '../comments/page-key.ts';

/**
 * Parley's own JSON export (`npm run export -- json`), read as a stream: one
 * site, thread or comment object in memory at a time. Every object is checked
 * against the export's schema; the first that does not fit refuses the file.
 */
const CHUNK_BYTES = 1 << 16;
const PATHS = ['$.parley', '$.version', '$.sites.*', '$.threads.*', '$.comments.*'];

export function* readParleyJson(path: string, options: ReaderOptions = {}): Generator<SourceRecord> {
  const ready: SourceRecord[] = [];
  const header: Record<string, unknown> = {};
  let offset = 0;
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: PATHS, keepStack: false });
  tokenizer.onToken = (token) => {
    offset = token.offset;
    parser.write(token);
  };
  parser.onValue = (info) => {
    const section = info.stack.length === 1 ? undefined : String(info.stack[1]?.key);
    if (section === undefined) header[String(info.key)] = info.value;
    else ready.push(record(section, info, () => positionAt(path, offset)));
  };

  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read = 0;
    for (;;) {
      const bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytes === 0) break;
      read += bytes;
      guarded(
        path,
        () => offset,
        () => tokenizer.write(buffer.subarray(0, bytes)),
      );
      options.onProgress?.(read, total);
      yield* ready.splice(0);
    }
    guarded(
      path,
      () => read,
      () => tokenizer.end(),
    );
  } finally {
    closeSync(fd);
  }
  if (header.parley !== 'export' || header.version !== 1) {
    throw new ImportFileError(1, 1, 'this is not a Parley export (it must start with "parley": "export", "version": 1)');
  }
}

function guarded(path: string, offset: () => number, step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const absolute = /absolute position "(\d+)"/.exec(message);
    const { line, column } = positionAt(path, absolute ? Number(absolute[1]) : offset());
    throw new ImportFileError(line, column, `not valid JSON: ${message.replace(/ at chunk position.*$/, '')}`);
  }
}

function record(section: string, info: ParsedElementInfo, where: () => { line: number; column: number }): SourceRecord {
  const schema = exportSchema[section as keyof typeof exportSchema];
  const parsed = schema?.safeParse(info.value);
  if (!parsed?.success) {
    const { line, column } = where();
    const issue = parsed?.error.issues[0];
    const field = issue ? [section, info.key, ...issue.path].join('.') : section;
    throw new ImportFileError(line, column, `${field}: ${issue?.message ?? 'unexpected section'}`);
  }
  return toRecord(section, parsed.data as never);
}

function toRecord(section: string, data: z.infer<(typeof exportSchema)[keyof typeof exportSchema]>): SourceRecord {
  if (section === 'sites') {
    const site = data as z.infer<typeof exportSchema.sites>;
    return { type: 'site', id: site.id, settings: site.settings, createdAt: site.createdAt };
  }
  if (section === 'threads') {
    const t = data as z.infer<typeof exportSchema.threads>;
    return {
      type: 'thread',
      ref: `t:${t.id}`,
      page: t.page,
      unusable: isPageKey(t.page) ? null : "its thread's page is not a path on the blog",
      title: t.title,
      locked: t.locked,
      createdAt: t.createdAt,
      publishedAt: t.publishedAt,
      metaSource: t.titleFrom,
      keep: true,
      preferredId: t.id,
      site: t.site,
      line: 0,
    };
  }
  const c = data as z.infer<typeof exportSchema.comments>;
  return {
    type: 'comment',
    key: c.source?.id ?? String(c.id),
    source: c.source?.name ?? 'parley',
    origin: c.source?.origin ?? '',
    ref: `c:${c.id}`,
    threadRef: `t:${c.thread}`,
    parentRef: c.parent === null ? null : `c:${c.parent}`,
    preferredId: c.id,
    status: c.status,
    kind: c.kind,
    text: c.text,
    format: c.format,
    render:
      c.html !== undefined
        ? { via: 'html', input: c.html }
        : c.format === 'markdown'
          ? { via: 'markdown', input: c.text }
          : { via: 'wordpress', input: c.text },
    author: { ...c.author, url: website(c.author.url) },
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    pinnedAt: c.pinnedAt,
    likes: c.likedBy.map((like) => ({ voter: like.voter, createdAt: like.at })),
    notify: c.notify,
    line: 0,
  };
}

/** The 1-based line and column of a byte offset, read again from the file in chunks (only for an error). */
function positionAt(path: string, byteOffset: number): { line: number; column: number } {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let line = 1;
    let position = 0;
    let characters = 0;
    while (position < byteOffset) {
      const bytes = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, byteOffset - position), position);
      if (bytes === 0) break;
      const chunk = buffer.subarray(0, bytes);
      for (const byte of chunk) {
        if (byte === 10) {
          line++;
          characters = 0;
        } else if ((byte & 0xc0) !== 0x80) characters++; // not a UTF-8 continuation byte: a new character
      }
      position += bytes;
    }
    return { line, column: characters + 1 };
  } finally {
    closeSync(fd);
  }
}
