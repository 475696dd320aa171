import { SaxesParser, type SaxesTag } from 'saxes';
import { createNamespaces } from './xml-namespaces.ts';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A file that cannot be imported: where (1-based line and column) and why. */
export class ImportFileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

/** One element of a captured subtree: its text (CDATA included; only what comes before its first child element) and child elements. */
export interface XmlNode {
  name: string;
  attrs: Readonly<Record<string, string>>;
  text: string;
  children: XmlNode[];
  /** 1-based line where the element's start tag ends. */
  line: number;
  /** For a streamed element (see `stream`), the captured element it sits in, still being read. */
  parent?: XmlNode;
}

export interface XmlReadOptions {
  /** The short prefix for a namespace URI (`wp` for WordPress's); elements in other namespaces are named `{uri}local`. */
  prefix: (uri: string) => string | undefined;
  /** The root element the file must have, e.g. `rss`. */
  root: string;
  /** Whether the element at this path (names from the root down) is a subtree to yield. */
  capture: (path: readonly string[]) => boolean;
  /**
   * Whether an element inside a captured subtree is yielded on its own as
   * soon as it closes (with `parent` set) instead of kept in its parent: a
   * post's comments, so that one post with very many comments still streams.
   */
  stream?: (path: readonly string[]) => boolean;
  /** Elements whose text is not needed (post bodies): dropped as they are read, to keep memory small. */
  ignoreText?: ReadonlySet<string>;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const CHUNK_BYTES = 1 << 16;

/** The first text of a child element, trimmed ('' when absent). */
export function childText(node: XmlNode, name: string): string {
  return node.children.find((child) => child.name === name)?.text.trim() ?? '';
}

/** The text of each child element (the first of a name), trimmed: for elements read field by field. */
export function childTexts(node: XmlNode): Record<string, string> {
  const texts: Record<string, string> = Object.create(null);
  for (const child of node.children) texts[child.name] ??= child.text.trim();
  return texts;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/**
 * Streams an XML file through a strict parser and yields each captured
 * subtree as soon as its end tag is read; nothing else is kept, so memory is
 * bounded by the largest subtree. A file that is not well-formed throws
 * ImportFileError with the position where the parser noticed.
 */
export function* readXml(path: string, options: XmlReadOptions): Generator<XmlNode> {
  const parser = new SaxesParser({ position: true });
  const ready: XmlNode[] = [];
  const names: string[] = [];
  const open: XmlNode[] = [];
  const namespaces = createNamespaces(options.prefix);
  const fail = (reason: string): never => {
    throw new ImportFileError(parser.line, Math.max(parser.column, 1), reason);
  };

  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')));
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) fail(`the file is in ${decl.encoding}; only UTF-8 files can be imported`);
  });
  parser.on('opentag', (tag: SaxesTag) => {
    const attributes = tag.attributes as Record<string, string>;
    const scope = namespaces.enter(attributes);
    const name = namespaces.element(scope, tag.name) ?? fail(`the namespace prefix of <${tag.name}> is not declared`);
    if (names.length === 0 && name !== options.root) fail(`the root element is <${tag.name}>, expected <${options.root}>`);
    names.push(name);
    if (open.length === 0 && !options.capture(names)) return;
    const node: XmlNode = { name, attrs: namespaces.attributes(scope, attributes), text: '', children: [], line: parser.line };
    const parent = open[open.length - 1];
    if (parent && options.stream?.(names)) node.parent = parent;
    else parent?.children.push(node);
    open.push(node);
  });
  const ignored = options.ignoreText ?? new Set<string>();
  const onText = (text: string) => {
    const node = open[open.length - 1];
    if (node !== undefined && node.children.length === 0 && !ignored.has(node.name)) node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    names.pop();
    namespaces.leave();
    const node = open.pop();
    if (node && (open.length === 0 || node.parent)) ready.push(node);
  });
  yield* feed(path, parser, ready, options.onProgress);
}

function* feed(path: string, parser: SaxesParser, ready: XmlNode[], onProgress: XmlReadOptions['onProgress']): Generator<XmlNode> {
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let read = 0;
    for (;;) {
      const bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytes === 0) break;
      read += bytes;
      parser.write(decoder.write(buffer.subarray(0, bytes)));
      onProgress?.(read, total);
      yield* ready.splice(0);
    }
    parser.write(decoder.end());
    parser.close();
    yield* ready.splice(0);
  } finally {
    closeSync(fd);
  }
}
