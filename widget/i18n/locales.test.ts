/**
 * Every locale file against English: the same keys and nesting, the same `{placeholders}` in every
 * string, plural groups with exactly the categories the language's `Intl.PluralRules` use, and the
 * fields the widget reads as values (lang, dir, months, date, clock) in a shape it can use.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import en, { type Locale } from './en.ts';
import { LOCALES, RTL } from '../lang/locales.ts';

type Tree = { [key: string]: string | Tree };
const PLURALS = ['thoughts', 'counts', 'likes'];
const folder = new URL('.', import.meta.url);
const files = readdirSync(folder).filter((f) => /^[a-z]{2,3}(-[A-Z][A-Za-z]+)?\.ts$/.test(f) && f != 'en.ts');
const locales: [string, Locale][] = await Promise.all(
  files.map(async (f) => [f.slice(0, -3), (await import(new URL(f, folder).href)).default] as [string, Locale]),
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
      const want = [...new Set([...categories, ...(at == 'counts' ? ['zero'] : [])])].sort();
      const got = Object.keys(it).sort();
      if (want.join() != got.join()) found.push(`${at}: categories ${got.join(' ')}, the language needs ${want.join(' ')}`);
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
  const { replyTo, ...rest } = en;
  const broken = { ...rest, extra: 'x', arrived: 'Neuer Kommentar von {nom}.', thoughts: { other: '{n} Gedanken zu „{title}“' } };
  expect(problems('de', en as unknown as Tree, broken as unknown as Tree)).toEqual([
    'thoughts: categories other, the language needs one other',
    'replyTo: missing',
    'arrived: placeholders {nom} instead of {name}',
    'extra: not a key of en.ts',
  ]);
  expect(problems('ru', en as unknown as Tree, { ...en, likes: { one: '{n}', other: 'лайки' } } as unknown as Tree)).toEqual(
    expect.arrayContaining(['likes: categories one other, the language needs few many one other', 'likes.other: lost {n}']),
  );
});

test.each(locales)('%s has every key of en.ts, no other, the same placeholders and its plural categories', (code, strings) => {
  expect(problems(code, en as unknown as Tree, strings as unknown as Tree)).toEqual([]);
});

test.each(locales)('%s says its own code and direction, twelve months, a whole date and a clock', (code, t) => {
  expect([t.lang, t.dir]).toEqual([code, RTL.includes(code) ? 'rtl' : 'ltr']);
  expect(LOCALES).toContain(code);
  expect(t.months.split('|')).toHaveLength(12);
  expect(holes(t.date)).toEqual(['day', 'month', 'year']);
  expect(holes(t.at)).toEqual(['date', 'time']);
  expect(['12', '24']).toContain(t.clock);
});
