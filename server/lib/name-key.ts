/**
 * Folds a display name to the key two names share when a reader would take
 * them for the same person: compatibility forms (NFKC: `ｆｕｌｌ` → `full`),
 * case (`ß` → `ss`), accents (`é` → `e`), spacing and punctuation, invisible
 * characters, and a light set of look-alike letters and digits (Cyrillic and
 * Greek letters shaped like Latin ones, `0` → `o`, `1`/`i`/`|` → `l`,
 * `rn` → `m`, `vv` → `w`). Not Unicode's full confusables table: enough that
 * a guest cannot pass for a member by a one-character trick.
 */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'l',
  ї: 'l',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  ı: 'l',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  $: 's',
  '@': 'a',
};

export function nameKey(name: string): string {
  const folded = name
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}\p{Default_Ignorable_Code_Point}]/gu, '');
  let key = '';
  for (const char of folded) key += LOOK_ALIKES[char] ?? char;
  return key
    .replace(/[\p{Z}\s\p{Pc}\p{Pd}\p{Po}\p{Ps}\p{Pe}\p{Pi}\p{Pf}]/gu, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}
