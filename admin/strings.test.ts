import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, test } from 'vitest';
import { fill, fillParts, plural, strings } from './strings.ts';

const ROOT = join(import.meta.dirname, '..');
const ADMIN = join(ROOT, 'admin');

/** Attributes and props whose value is shown or read out (TextForm's `submit` is its button's word). */
const TEXT_ATTRIBUTES = new Set([
  'label',
  'title',
  'placeholder',
  'alt',
  'submit',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
]);

/**
 * What may stay a literal outside strings.ts: never words the view shows.
 * Each entry must still be found (an entry that matches nothing fails the test, so the list stays short).
 */
const ALLOWED: Array<{ file: string; text: string; why: string }> = [
  { file: 'admin/api.ts', text: 'Content-Type', why: 'an HTTP header name sent to the server' },
  {
    file: 'admin/context.ts',
    text: '[parley] the admin store is missing',
    why: 'a programming error thrown to developers (no StoreContext), never shown in the view',
  },
];

interface Found {
  line: number;
  text: string;
  kind: 'JSX text' | 'text attribute' | 'shown string' | 'prose';
}

type Node = { type: string; start: number; [key: string]: unknown };
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/**
 * A string in plain code that reads like English: a capitalised word, or two words in a row. It cannot
 * tell one lower-case word ("until") from data ("spam", "email"); those are caught once they reach JSX.
 */
const PROSE = /(^|[^A-Za-z0-9_])[A-Z][a-z]|[A-Za-z]{2,} +[A-Za-z]{2,}/;
const LETTER = /[A-Za-z]/;

/** The string literals (and template pieces) an expression can evaluate to: `a ? 'x' : 'y'`, `a || 'x'`, `` `x ${a}` ``. */
function shownStrings(node: unknown, into: Node[] = []): Node[] {
  if (!isNode(node)) return into;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') into.push(node);
      break;
    case 'TemplateLiteral':
      into.push(...(node.quasis as Node[]));
      break;
    case 'ConditionalExpression':
      shownStrings(node.consequent, into);
      shownStrings(node.alternate, into);
      break;
    case 'LogicalExpression':
      shownStrings(node.left, into);
      shownStrings(node.right, into);
      break;
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'JSXExpressionContainer':
      shownStrings(node.expression, into);
      break;
  }
  return into;
}

const textOf = (node: Node) => (node.type === 'TemplateElement' ? String((node.value as { cooked: string }).cooked) : String(node.value));

/** The words in a source file that are not taken from strings.ts. */
function literalsIn(source: string, fileName: string): Found[] {
  const { program, errors } = parseSync(fileName, source, { lang: fileName.endsWith('.tsx') ? 'tsx' : 'ts' });
  if (errors.length) throw new Error(`${fileName}: ${errors[0]!.message}`);
  const found: Found[] = [];
  const line = (node: Node) => source.slice(0, node.start).split('\n').length;
  const report = (node: Node, kind: Found['kind']) => found.push({ line: line(node), text: textOf(node).trim(), kind });
  /** Literals already judged: shown ones reported, a data attribute's value (class, id, rel, …) let through. */
  const judged = new Set<Node>();

  function walk(node: unknown): void {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isNode(node) || judged.has(node)) return;
    switch (node.type) {
      case 'ImportDeclaration':
        return;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        walk(node.declaration);
        return;
      case 'JSXText':
        if (LETTER.test(String(node.value))) report(node, 'JSX text');
        return;
      case 'JSXAttribute': {
        const name = (node.name as { name: unknown }).name;
        const shown = typeof name === 'string' && TEXT_ATTRIBUTES.has(name);
        for (const literal of shownStrings(node.value)) {
          if (shown && LETTER.test(textOf(literal))) report(literal, 'text attribute');
          judged.add(literal);
        }
        walk(node.value);
        return;
      }
      case 'JSXElement':
      case 'JSXFragment':
        for (const child of node.children as Node[]) {
          if (child.type !== 'JSXExpressionContainer') continue;
          for (const literal of shownStrings(child)) {
            if (LETTER.test(textOf(literal))) report(literal, 'shown string');
            judged.add(literal);
          }
        }
        break;
      case 'Literal':
      case 'TemplateElement':
        if (typeof node.value === 'string' || node.type === 'TemplateElement') {
          if (PROSE.test(textOf(node))) report(node, 'prose');
        }
        return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(value);
  }
  walk(program);
  return found;
}

/** Every source file of the admin view but strings.ts (and its parts, strings-*.ts) and the tests. */
function adminSources(dir = ADMIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return adminSources(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$|\.d\.ts$/.test(entry.name) || /^strings(-[a-z]+)?\.ts$/.test(relative(ADMIN, path))) return [];
    return [path];
  });
}

describe('the admin view takes its words from admin/strings.ts', () => {
  test('no component or store holds a word of its own (JSX text, text attributes, shown strings, sentences)', () => {
    const files = adminSources();
    expect(files.map((f) => relative(ROOT, f))).toContain('admin/components/queue-view.tsx');
    const unused = new Set(ALLOWED);
    const stray: string[] = [];
    for (const path of files) {
      const file = relative(ROOT, path);
      for (const found of literalsIn(readFileSync(path, 'utf8'), file)) {
        const allowed = ALLOWED.find((entry) => entry.file === file && entry.text === found.text);
        if (allowed) unused.delete(allowed);
        else stray.push(`${file}:${found.line}: ${found.kind} ${JSON.stringify(found.text)}`);
      }
    }
    expect(stray, 'move these words into admin/strings.ts').toEqual([]);
    expect([...unused], 'allow-list entries that match nothing any more').toEqual([]);
  });

  test('the scan finds each kind of literal, and lets data through', () => {
    const source = `
      import { strings } from './strings.ts';
      export function A({ busy, name }: { busy: boolean; name: string }) {
        const go = () => confirm('Delete it?');
        return (
          <form class="bulk wide" aria-label="Bulk actions" onSubmit={() => say(\`Saved \${name}.\`)}>
            <label for="q">Search</label>
            <input id="q" name="q" type="search" placeholder={busy ? 'Busy' : strings.queue.empty} title={\`Row \${name}\`} />
            <p>{name || 'anonymous'} {' '} · {strings.queue.empty}</p>
            <button type="button" class={busy ? 'primary wide' : ''} data-row={\`r-\${name}\`}>{busy ? 'Signing in…' : strings.signIn.submit}</button>
            <kbd>j</kbd>
          </form>
        );
      }`;
    expect(literalsIn(source, 'sample.tsx').map(({ kind, text }) => `${kind}: ${text}`)).toEqual([
      'prose: Delete it?',
      'text attribute: Bulk actions',
      'prose: Saved',
      'JSX text: Search',
      'text attribute: Busy',
      'text attribute: Row',
      'shown string: anonymous',
      'shown string: Signing in…',
      'JSX text: j',
    ]);
  });
});

describe('fill', () => {
  test('fills each placeholder with its value, numbers too, as often as it appears', () => {
    expect(fill('Banned {kind} {value}.', { kind: 'email', value: 'a@example.com' })).toBe('Banned email a@example.com.');
    expect(fill('With {n} selected: {n}', { n: 3 })).toBe('With 3 selected: 3');
    expect(fill(strings.errors.status, { status: 500 })).toBe('The server answered 500.');
  });

  test('leaves a placeholder without a value as it is, and a value is never read as a pattern', () => {
    expect(fill('{page}: now {source}.', { page: '/p/' })).toBe('/p/: now {source}.');
    expect(fill('Lifted the ban on {value}.', { value: '$& $1 $$ {value}' })).toBe('Lifted the ban on $& $1 $$ {value}.');
    expect(fill('No placeholders.', { n: 1 })).toBe('No placeholders.');
  });

  test('fillParts keeps elements as they are, in the text’s order', () => {
    const kbd = { tag: 'kbd' };
    expect(fillParts('Keys: {j}/{k} next', { j: kbd, k: 'k' })).toEqual(['Keys: ', kbd, '/', 'k', ' next']);
    expect(fillParts('{failed}.', { failed: kbd })).toEqual([kbd, '.']);
    expect(fillParts('{n} waiting, {x}', { n: 2 })).toEqual(['2', ' waiting, ', '{x}']);
  });

  test('plural picks the English form for the count', () => {
    expect(plural(strings.queue.comments, 0)).toBe('0 comments');
    expect(plural(strings.queue.comments, 1)).toBe('1 comment');
    expect(plural(strings.queue.comments, 12)).toBe('12 comments');
    expect(plural(strings.row.reported, 1)).toBe('Reported 1 time:');
    expect(plural(strings.row.reported, 2)).toBe('Reported 2 times:');
  });
});
