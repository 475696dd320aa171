import { z } from 'zod';

/**
 * The shape of Parley's JSON export, version 1 — what `json-export.ts` writes
 * and `json-reader.ts` accepts. Dates are ISO 8601 strings.
 */
const date = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'is not a date')
  .transform((v) => Date.parse(v));
const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);

export const exportSchema = {
  sites: z.object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (at most 64)'),
    settings: z.record(z.string(), z.unknown()).default({}),
    createdAt: date.nullable().default(null),
  }),
  threads: z.object({
    id,
    site: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    page: text(500).min(1),
    title: text(300).default(''),
    locked: z.boolean().default(false),
    createdAt: date,
    /** When the page was published, if the blog (or the first poster, or a moderator) said. */
    publishedAt: date.nullable().default(null),
    /** Who the title and date came from: the blog page itself and a moderator are trusted, the first poster is not. */
    titleFrom: z.enum(['poster', 'blog', 'moderator']).default('poster'),
  }),
  comments: z.object({
    id,
    thread: id,
    parent: id.nullable().default(null),
    status: z.enum(['approved', 'pending', 'spam', 'trash', 'deleted']),
    kind: z.enum(['comment', 'pingback', 'trackback']).default('comment'),
    format: z.enum(['markdown', 'html']).default('markdown'),
    text: text(1_000_000),
    html: text(2_000_000).optional(),
    author: z
      .object({
        name: text(245).default(''),
        email: text(254).default(''),
        url: text(500).default(''),
        ip: text(100).default(''),
        userAgent: text(300).default(''),
        registered: z.boolean().default(false),
        user: text(100).default(''),
        isModerator: z.boolean().default(false),
        provider: text(40).default(''),
      })
      .default({ name: '', email: '', url: '', ip: '', userAgent: '', registered: false, user: '', isModerator: false, provider: '' }),
    createdAt: date,
    editedAt: date.nullable().default(null),
    /** When a moderator pinned it (top-level comments only); null when not pinned. */
    pinnedAt: date.nullable().default(null),
    likes: z.number().int().min(0).default(0),
    likedBy: z
      .array(z.object({ voter: text(200), at: date }))
      .max(1_000_000)
      .default([]),
    notify: z.boolean().default(false),
    source: z
      .object({ name: text(40).min(1), id: text(200).min(1), origin: text(300).default('') })
      .nullable()
      .default(null),
  }),
};

export type ExportSite = z.input<typeof exportSchema.sites>;
export type ExportThread = z.input<typeof exportSchema.threads>;
export type ExportComment = z.input<typeof exportSchema.comments>;
