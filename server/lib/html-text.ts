/**
 * The text of a stored comment's HTML, as a reader sees it, without loading an HTML parser: the
 * stored HTML is Parley's own sanitiser's output (allow-listed tags, attributes quoted, `<` and
 * `&` in text escaped), so removing its tags and decoding its entities is exact. Block ends
 * become spaces, so paragraphs do not run together; the ends are trimmed.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function htmlText(html: string): string {
  return html
    .replace(/<\/(p|li|blockquote|pre|h[1-6])>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .trim();
}
