import sanitize from 'sanitize-html';

/**
 * The allow-list every stored comment body passes through, whether it was
 * rendered from Markdown or imported as HTML. What is not listed here is
 * dropped: no script, no style, no event handler, no URL but http(s)/mailto.
 */
export const ALLOWED_TAGS = Object.freeze([
  'p', 'br', 'hr', 'a', 'em', 'strong', 'b', 'i', 'del', 's', 'strike',
  'code', 'pre', 'blockquote', 'q', 'cite', 'abbr', 'ul', 'ol', 'li',
]);

export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  a: ['href', 'title', 'rel'],
  abbr: ['title'],
  ol: ['start'],
});

export const ALLOWED_SCHEMES = Object.freeze(['http', 'https', 'mailto']);

export const LINK_REL = 'nofollow ugc noopener';

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
  transformTags: {
    a: (tagName, attribs) => {
      const { href, title } = attribs;
      return {
        tagName,
        attribs: { ...(href ? { href } : {}), ...(title ? { title } : {}), rel: LINK_REL },
      };
    },
    ol: (tagName, attribs) => {
      const start = attribs.start;
      return { tagName, attribs: start && /^\d{1,9}$/.test(start) ? { start } : {} };
    },
  },
};

/** HTML in, allow-listed HTML out. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, options);
}
