/**
 * Every server locale against English: the same keys and nesting, the same `{placeholders}` in every
 * string, plural groups (`confirm.action`, `digest.intro`) with exactly the categories the language's
 * `Intl.PluralRules` use, and one file for each language the widget speaks.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import en from './en.ts';

type Tree = { [key: string]: string | Tree };
const PLURALS = ['confirm.action', 'digest.intro', 'thread.thoughts', 'thread.likes'];
const CODE = /^[a-z]{2,3}(-[A-Z][A-Za-z]+)?\.ts$/;
const codes = (folder: URL) =>
  readdirSync(folder)
    .filter((f) => CODE.test(f) && f != 'en.ts')
    .map((f) => f.slice(0, -3))
    .sort();
const folder = new URL('.', import.meta.url);
const locales: [string, Tree][] = await Promise.all(
  codes(folder).map(async (code) => [code, (await import(new URL(`${code}.ts`, folder).href)).default] as [string, Tree]),
);
const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** The problems of `theirs` against `ours`, one sentence each, naming the key. */
function problems(code: string, ours: Tree, theirs: Tree, path = ''): string[] {
  const found: string[] = [];
  const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const at = path + key;
    const mine = ours[key];
    const it = theirs[key];
    if (it === undefined) found.push(`${at}: missing`);
    else if (mine === undefined) found.push(`${at}: not a key of en.ts`);
    else if (typeof mine != typeof it) found.push(`${at}: a ${typeof it} where en.ts has a ${typeof mine}`);
    else if (PLURALS.includes(at) && typeof it == 'object') {
      const got = Object.keys(it).sort();
      if (got.join() != [...categories].sort().join()) found.push(`${at}: categories ${got.join(' ')}, the language needs ${[...categories].sort().join(' ')}`);
      const others = holes((mine as Tree).other as string).filter((h) => h != 'n');
      for (const [cat, text] of Object.entries(it)) {
        const has = holes(String(text));
        for (const h of has) if (h != 'n' && !others.includes(h)) found.push(`${at}.${cat}: unknown {${h}}`);
        for (const h of others) if (!has.includes(h)) found.push(`${at}.${cat}: lost {${h}}`);
        if (cat == 'other' && !has.includes('n')) found.push(`${at}.other: lost {n}`);
      }
    } else if (typeof mine == 'object') found.push(...problems(code, mine, it as Tree, at + '.'));
    else if (holes(mine).join() != holes(it as string).join())
      found.push(`${at}: placeholders {${holes(it as string).join('} {')}} instead of {${holes(mine).join('} {')}}`);
  }
  return found;
}

test('the check finds a missing key, an extra one, a broken placeholder and a missing plural category', () => {
  const { someone, ...rest } = en;
  const broken = { ...rest, extra: 'x', title: '»{titel}«', digest: { ...en.digest, intro: { other: '{n} neue Kommentare' } } };
  expect(problems('de', en as unknown as Tree, broken as unknown as Tree)).toEqual([
    'title: placeholders {titel} instead of {title}',
    'someone: missing',
    'digest.intro: categories other, the language needs one other',
    'digest.intro.other: lost {title}',
    'extra: not a key of en.ts',
  ]);
});

test('every language of the widget has its server strings', () => {
  expect(locales.map(([code]) => code)).toEqual(codes(new URL('../../widget/i18n/', import.meta.url)));
  expect(locales.length).toBeGreaterThanOrEqual(48);
});

test.each(locales)('%s has every key of en.ts, no other, the same placeholders and its plural categories', (code, strings) => {
  expect(problems(code, en as unknown as Tree, strings)).toEqual([]);
});

test.each(locales)('%s says its own code and direction', (code, strings) => {
  expect([strings.lang, strings.dir]).toEqual([code, ['ar', 'fa', 'he'].includes(code) ? 'rtl' : 'ltr']);
});
