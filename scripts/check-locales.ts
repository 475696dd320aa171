/**
 * Checks every locale file against the English one: the same keys and nesting,
 * the same `{placeholders}`, plural groups with exactly the language's
 * `Intl.PluralRules` categories, and at most 2 KB gzip for widget files.
 * `npx tsx scripts/check-locales.ts widget|server [english.ts]`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Tree = { [key: string]: string | Tree };
const PLURALS = { widget: ['thoughts', 'counts', 'likes'], server: ['confirm.action', 'digest.intro'] };
const part = (process.argv[2] ?? 'widget') as keyof typeof PLURALS;
const folder = resolve(part, 'i18n');
const english: Tree = (await import(pathToFileURL(resolve(process.argv[3] ?? join(folder, 'en.ts'))).href)).default;
const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(' ');

function compare(code: string, ours: Tree, theirs: Tree, path: string, problems: string[]) {
  const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const at = path ? `${path}.${key}` : key;
    const en = ours[key], it = theirs[key];
    if (it === undefined) { problems.push(`${at}: missing`); continue; }
    if (en === undefined) { problems.push(`${at}: not in English`); continue; }
    if (PLURALS[part].includes(at) && typeof en === 'object' && typeof it === 'object') {
      const want = [...categories, ...(at === 'counts' ? ['zero'] : [])].sort();
      const got = Object.keys(it).sort();
      if ([...new Set(want)].join() !== got.join()) problems.push(`${at}: categories ${got} instead of ${[...new Set(want)]}`);
      const allowed = new Set(holes(String(en.other)).split(' ').filter(Boolean));
      for (const [cat, text] of Object.entries(it)) {
        for (const hole of holes(String(text)).split(' ').filter(Boolean)) if (!allowed.has(hole)) problems.push(`${at}.${cat}: unknown {${hole}}`);
        const needed = holes(String(en.other)).split(' ').filter((h) => h && h !== 'n');
        for (const hole of needed) if (cat !== 'zero' && !holes(String(text)).includes(hole)) problems.push(`${at}.${cat}: lost {${hole}}`);
      }
      continue;
    }
    if (typeof en !== typeof it) problems.push(`${at}: ${typeof it} instead of ${typeof en}`);
    else if (typeof en === 'object') compare(code, en, it as Tree, at, problems);
    else if (holes(en) !== holes(it as string)) problems.push(`${at}: placeholders "${holes(it as string)}" instead of "${holes(en)}"`);
  }
}

let failed = 0;
for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'en.ts' && !f.includes('.test.')).sort()) {
  const code = basename(file, '.ts');
  const text = readFileSync(join(folder, file));
  const strings: Tree = (await import(pathToFileURL(join(folder, file)).href)).default;
  const problems: string[] = [];
  if (strings.lang !== code) problems.push(`lang: ${String(strings.lang)}`);
  if (strings.dir !== (['ar', 'fa', 'he'].includes(code) ? 'rtl' : 'ltr')) problems.push(`dir: ${String(strings.dir)}`);
  compare(code, english, strings, '', problems);
  if (part === 'widget' && typeof strings.months === 'string' && strings.months.split('|').length !== 12) problems.push('months: not 12');
  const gzip = gzipSync(text, { level: 9 }).length;
  if (part === 'widget' && gzip > 2048) problems.push(`${gzip} bytes gzip`);
  console.log(`${code.padEnd(6)} ${String(gzip).padStart(5)} B gzip ${problems.length ? `\n  ${problems.join('\n  ')}` : 'ok'}`);
  failed += problems.length;
}
process.exitCode = failed ? 1 : 0;
