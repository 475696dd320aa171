import sanitize from 'sanitize-html';

/**
 * The allow-list every stored comment body passes through, whether it was
 * rendered from Markdown or imported as HTML. What is not listed here is
 * dropped: no script, no style, no event handler, no URL but an absolute
 * http(s) or mailto one.
 */
export const ALLOWED_TAGS = Object.freeze([
  'p',
  'br',
  'hr',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'del',
  's',
  'strike',
  'code',
  'pre',
  'blockquote',
  'q',
  'cite',
  'abbr',
  'ul',
  'ol',
  'li',
]);

export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  a: ['href', 'title', 'rel'],
  abbr: ['title'],
  ol: ['start'],
});

export const ALLOWED_SCHEMES = Object.freeze(['http', 'https', 'mailto']);

export const LINK_REL = 'nofollow ugc noopener';

/**
 * The href as a browser reads it, when that is an absolute URL with an allowed
 * scheme; undefined for anything else. Relative and fragment URLs count as
 * anything else: a comment is shown inside someone else's page, where `/admin`
 * or `#top` would point into that page (or through its `<base href>`), so a
 * comment links only to absolute http(s) and mailto URLs.
 */
export function safeHref(href: string): string | undefined {
  // What a browser's URL parser ignores: C0 controls and spaces at either end,
  // tabs and newlines anywhere (so `java\tscript:` is `javascript:`).
  const url = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && ALLOWED_SCHEMES.includes(scheme) ? url : undefined;
}

const options: sanitize.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]])),
  allowedSchemes: [...ALLOWED_SCHEMES],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Drop the contents of these along with the tag, not just the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'svg', 'math', 'object'],
  enforceHtmlBoundary: false,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  // A link left without an href is no link: drop the tag, keep its text.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
  transformTags: {
    a: (tagName, attribs) => {
      const href = safeHref(attribs.href ?? '');
      const title = attribs.title;
      return {
        tagName,
        attribs: { ...(href ? { href } : {}), ...(title ? { title } : {}), rel: LINK_REL },
      };
    },
    ol: (tagName, attribs) => {
      const start = attribs.start;
      const kept: sanitize.Attributes = start && /^\d{1,9}$/.test(start) ? { start } : {};
      return { tagName, attribs: kept };
    },
  },
};

/** HTML in, allow-listed HTML out. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, options);
}
