/**
 * The words a commenter reads from the server (mails to subscribers, the pages behind their links,
 * the sign-in popup's pages), by language: the widget's locale codes (widget/lang/locales.ts). Chosen
 * from the language the widget said (stored with a subscription or a sign-in), else from the
 * browser's Accept-Language where nothing was said (a mail link that no longer works).
 */
import ar from './ar.ts';
import az from './az.ts';
import be from './be.ts';
import bg from './bg.ts';
import bn from './bn.ts';
import ca from './ca.ts';
import cs from './cs.ts';
import da from './da.ts';
import de from './de.ts';
import el from './el.ts';
import en from './en.ts';
import eo from './eo.ts';
import es from './es.ts';
import et from './et.ts';
import eu from './eu.ts';
import fa from './fa.ts';
import fi from './fi.ts';
import fr from './fr.ts';
import gl from './gl.ts';
import he from './he.ts';
import hi from './hi.ts';
import hr from './hr.ts';
import hu from './hu.ts';
import id from './id.ts';
import it from './it.ts';
import ja from './ja.ts';
import ka from './ka.ts';
import ko from './ko.ts';
import lt from './lt.ts';
import lv from './lv.ts';
import ms from './ms.ts';
import nb from './nb.ts';
import nl from './nl.ts';
import pl from './pl.ts';
import ptBR from './pt-BR.ts';
import ptPT from './pt-PT.ts';
import ro from './ro.ts';
import ru from './ru.ts';
import sk from './sk.ts';
import sl from './sl.ts';
import sr from './sr.ts';
import sv from './sv.ts';
import th from './th.ts';
import tr from './tr.ts';
import uk from './uk.ts';
import uz from './uz.ts';
import vi from './vi.ts';
import zhCN from './zh-CN.ts';
import zhTW from './zh-TW.ts';

export type ServerStrings = typeof en;

const LOCALES: Record<string, unknown> = {
  ar,
  az,
  be,
  bg,
  bn,
  ca,
  cs,
  da,
  de,
  el,
  en,
  eo,
  es,
  et,
  eu,
  fa,
  fi,
  fr,
  gl,
  he,
  hi,
  hr,
  hu,
  id,
  it,
  ja,
  ka,
  ko,
  lt,
  lv,
  ms,
  nb,
  nl,
  pl,
  'pt-BR': ptBR,
  'pt-PT': ptPT,
  ro,
  ru,
  sk,
  sl,
  sr,
  sv,
  th,
  tr,
  uk,
  uz,
  vi,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};

/** Languages whose file is named by a region or another code (as widget/lang/choose.ts chooses them). */
const ALIASES: Record<string, string> = { pt: 'pt-PT', zh: 'zh-CN', 'zh-HK': 'zh-TW', 'zh-Hant': 'zh-TW', 'zh-Hans': 'zh-CN', no: 'nb', nn: 'nb' };

/** The locale code Parley has for a language tag (`de-AT` → `de`, `pt` → `pt-PT`), or undefined. */
function codeFor(tag: string): string | undefined {
  const [base = '', second = ''] = tag.trim().split(/[-_]/);
  const exact = `${base.toLowerCase()}${second ? `-${second.length == 2 ? second.toUpperCase() : second[0]!.toUpperCase() + second.slice(1).toLowerCase()}` : ''}`;
  return [exact, ALIASES[exact], base.toLowerCase(), ALIASES[base.toLowerCase()]].find((code) => code !== undefined && Object.hasOwn(LOCALES, code));
}

/**
 * The strings for a language: the widget sends its locale code (already chosen by
 * widget/lang/choose.ts), so that code, else its base language, else English.
 */
export const serverStrings = (lang: string | null | undefined) => (LOCALES[codeFor(lang ?? '') ?? 'en'] ?? en) as ServerStrings;

/** The language of the first tag in an Accept-Language header that Parley speaks (by q-value), else English. */
export function acceptedStrings(header: string | undefined): ServerStrings {
  const tags = (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    });
  const best = tags
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => codeFor(t.tag))
    .find(Boolean);
  return serverStrings(best);
}

/** The form of a plural group for `n` in language `lang` (Intl.PluralRules), `{n}` filled in. */
export function pluralText(lang: string, forms: Record<string, string>, n: number) {
  return (forms[new Intl.PluralRules(lang).select(n)] ?? forms.other!).replaceAll('{n}', String(n));
}

/** Fills the `{key}` placeholders of a server string in one pass (what is filled in is not read again). */
export const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (hole, key: string) => (key in vars ? String(vars[key]) : hole));
