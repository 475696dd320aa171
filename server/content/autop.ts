/**
 * WordPress's auto-paragraph convention (`wpautop`), as comment bodies are
 * stored in a WordPress export: a blank line separates paragraphs and a single
 * newline is a line break; block elements are left unwrapped. A port of the
 * rules of WordPress's own function that matter for comments (no shortcodes,
 * embeds or <object>); the result then goes through the allow-list.
 */
const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const re = (source: string, flags = 'g') => new RegExp(source.replaceAll('BLOCK', BLOCKS), flags);

const RULES: ReadonlyArray<[RegExp, string]> = [
  [re('<p>\\s*</p>'), ''],
  [re('<p>([^<]+)</(div|address|form)>'), '<p>$1</p></$2>'],
  [re('<p>\\s*(</?BLOCK[^>]*>)\\s*</p>'), '$1'],
  [re('<p>(<li.+?)</p>'), '$1'],
  [re('<p><blockquote([^>]*)>', 'gi'), '<blockquote$1><p>'],
  [re('</blockquote></p>'), '</p></blockquote>'],
  [re('<p>\\s*(</?BLOCK[^>]*>)'), '$1'],
  [re('(</?BLOCK[^>]*>)\\s*</p>'), '$1'],
];

const AFTER_BREAKS: ReadonlyArray<[RegExp, string]> = [
  [re('(</?BLOCK[^>]*>)\\s*<br />'), '$1'],
  [re('<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)'), '$1'],
  [re('\\n</p>$'), '</p>'],
];

export function autop(input: string): string {
  if (input.trim() === '') return '';
  const pres: string[] = [];
  let text = `${input}\n`.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (block) => `<pre wp-pre-tag-${pres.push(block) - 1}></pre>`);
  text = text
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(re(`(<BLOCK[\\s/>])`), '\n\n$1')
    .replace(re(`(</BLOCK>)`), '$1\n\n')
    .replace(/<hr\s*?\/?>/g, '<hr />\n\n')
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n\n+/g, '\n\n');
  text = text
    .split(/\n\s*\n/)
    .filter((part) => part.trim() !== '')
    .map((part) => `<p>${part.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('');
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  text = text.replace(/(?<!<br \/>)\s*\n/g, '<br />\n');
  for (const [pattern, replacement] of AFTER_BREAKS) text = text.replace(pattern, replacement);
  return text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, index: string) => pres[Number(index)]!);
}
