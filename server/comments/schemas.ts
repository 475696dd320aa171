import { z } from 'zod';
import type { Config } from '../config.ts';
import { isPlainLabel } from '../lib/unicode-text.ts';
import { pageKeyProblem } from './page-key.ts';

/** A one-line label a reader sees as someone's name or a page's heading: no controls, bidi overrides or invisible marks (checked before trimming). */
export const label = (max: number) =>
  z
    .string()
    .refine(isPlainLabel, { message: 'must not contain control characters, bidi overrides or invisible marks', params: { code: 'invalid_characters' } })
    .trim()
    .max(max);

export const siteId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (at most 64)');
/** A thread's page: a path on the blog (server/comments/page-key.ts), else 400 `invalid_page`. */
export const pageKey = z
  .string()
  .trim()
  .min(1)
  .superRefine((page, ctx) => {
    const problem = pageKeyProblem(page);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'invalid_page' } });
  });
export const commentId = z.coerce.number().int().positive();
/** A BCP 47 language tag as the widget sends it (`de`, `pt-BR`): mails and pages are then written in it; anything else is ignored. */
export const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/)
  .optional()
  .catch(undefined);

/** A website as typed by a reader: `example.com` becomes `http://example.com`; only http(s) is kept. */
const website = z
  .string()
  .trim()
  .max(500)
  .transform((value, ctx) => {
    if (!value) return '';
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `http://${value}`;
    try {
      const url = new URL(withScheme);
      const web = url.protocol === 'http:' || url.protocol === 'https:';
      if (web && (url.hostname.includes('.') || url.hostname === 'localhost')) {
        return url.href;
      }
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'invalid_format', format: 'url', input: value, message: 'not an http(s) address' });
    return z.NEVER;
  });

/** `signedIn`: the author comes from the account, so author fields are not asked for (and ignored). */
export function postCommentSchema(config: Config, signedIn = false) {
  const name = label(100);
  const email = z.union([z.literal(''), z.email().max(254)]);
  const author = z.object({
    name: config.requireNameEmail ? name.min(1) : name.default(''),
    email: config.requireNameEmail ? z.string().trim().toLowerCase().min(1).pipe(email) : z.string().trim().toLowerCase().pipe(email).default(''),
    url: website.default(''),
  });
  return z.object({
    page: pageKey,
    title: label(300).default(''),
    site: siteId.default('default'),
    parent: commentId.nullable().default(null),
    text: z
      .string()
      .max(config.maxTextLength)
      .refine((t) => t.trim().length > 0, { message: 'is required', params: { required: true } }),
    author: signedIn
      ? z
          .unknown()
          .optional()
          .transform(() => ({ name: '', email: '', url: '' }))
      : config.requireNameEmail
        ? author
        : author.default({ name: '', email: '', url: '' }),
    notify: z.boolean().default(false),
    // Spam signals from the widget's form; absent from older widgets and API clients, which must not be blocked.
    hp: z.unknown().optional(),
    elapsed: z.number().nonnegative().optional().catch(undefined),
    /** When the page was published (`data-published` or `article:published_time`); an unreadable date is ignored. */
    published: z.string().max(64).optional().catch(undefined),
    /** The widget's language (a locale code such as `de` or `pt-BR`); mails to this commenter are written in it. Anything else is ignored. */
    lang: languageTag,
  });
}

/** Only the site of a new comment, read first: its rules decide how the rest is validated. */
export const siteOfComment = z.object({ site: siteId.default('default') });

export function editCommentSchema(config: Config) {
  return z.object({
    text: z
      .string()
      .max(config.maxTextLength)
      .refine((t) => t.trim().length > 0, { message: 'is required', params: { required: true } }),
  });
}

export const previewSchema = z.object({ text: z.string().max(60_000) });

export const threadQuerySchema = z.object({
  page: pageKey,
  site: siteId.default('default'),
  sort: z.enum(['oldest', 'newest', 'top']).default('oldest'),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The rest of one long branch: the replies of this top-level comment after `after` ("Show more replies"). */
  root: commentId.optional(),
  /** A permalink: this comment and the comments above it. */
  comment: commentId.optional(),
});
