import { Parser } from 'htmlparser2';
import { ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS, LINK_REL, sanitizeHtml } from './sanitize.ts';

/**
 * A second opinion on stored comment HTML, for tests. It reads the HTML with
 * a different parser from the sanitizer's (htmlparser2 12, entities decoded,
 * names lower-cased, as a browser reads them) and lists everything the policy
 * in sanitize.ts forbids:
 *
 * - an element, comment, doctype or CDATA section that is not an allowed tag;
 * - an attribute not allowed on its tag, and so every `on*` handler and
 *   `style`; an attribute given twice (a browser keeps the first);
 * - an href that is not an absolute http:, https: or mailto: URL. The scheme
 *   is read after entities are decoded and every whitespace and control
 *   character is removed, which is more than a browser removes. Relative and
 *   fragment hrefs count as violations too: a comment is shown inside
 *   someone else's page, where `/admin` or `#top` would point into that page,
 *   so the sanitizer keeps only absolute links (sanitize-html itself would
 *   keep relative ones; sanitize.ts drops them);
 * - an `<a>` whose rel is not exactly LINK_REL;
 * - HTML that changes when sanitized again: output that re-parses into a
 *   different shape is how mutation XSS starts.
 */
export function unsafeParts(html: string): string[] {
  const found: string[] = [];
  const allowedTags = new Set<string>(ALLOWED_TAGS);
  let seen = new Set<string>();
  let tag = '';

  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
        seen = new Set();
        if (!allowedTags.has(name)) found.push(`element <${name}>`);
      },
      onattribute(name, value) {
        if (seen.has(name)) found.push(`duplicate attribute ${name} on <${tag}>`);
        seen.add(name);
        const allowed = Object.hasOwn(ALLOWED_ATTRIBUTES, tag) ? ALLOWED_ATTRIBUTES[tag] : undefined;
        if (!allowed?.includes(name)) found.push(`attribute ${name}="${value}" on <${tag}>`);
        if (name === 'href' && !isAbsoluteAllowedUrl(value)) found.push(`href "${value}"`);
      },
      onopentag(name, attribs) {
        if (name === 'a' && attribs.rel !== LINK_REL) found.push(`<a> with rel "${attribs.rel ?? ''}"`);
      },
      oncomment(data) {
        found.push(`comment <!--${data}-->`);
      },
      oncdatastart() {
        found.push('CDATA section');
      },
      onprocessinginstruction(name) {
        found.push(`declaration <${name}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);

  const again = sanitizeHtml(html);
  if (again !== html) found.push(`unstable: sanitizing again gives ${JSON.stringify(again)}`);
  return found;
}

/** Whether an href, as a browser decodes it, is an absolute URL with an allowed scheme. */
export function isAbsoluteAllowedUrl(href: string): boolean {
  const cleaned = href.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  return scheme !== undefined && ALLOWED_SCHEMES.includes(scheme);
}

/** The text a reader sees: every text node, entities decoded, tags removed. */
export function textContent(html: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext: (data) => {
        text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return text;
}
