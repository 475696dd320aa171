import { z } from 'zod';
import { commentId, label, pageKey, siteId } from '../comments/schemas.ts';
import { QUEUES } from '../db/types.ts';
import { MAX_PASSWORD_LENGTH } from '../auth/password.ts';
import { TITLE_LENGTH } from '../threads/page-meta.ts';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

const optionalSite = siteId.optional();
const beforeId = z.coerce.number().int().positive().optional();

export const queueQuerySchema = z.object({
  queue: z.enum(QUEUES).default('pending'),
  site: optionalSite,
  q: z.string().max(200).default(''),
  in: z.enum(['all', 'text', 'author', 'email', 'ip', 'page']).default('all'),
  before: beforeId,
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const siteQuerySchema = z.object({ site: optionalSite });
export const requiredSiteSchema = z.object({ site: siteId.default('default') });

export const actionSchema = z.object({
  action: z.enum(['approve', 'spam', 'trash', 'restore', 'delete']),
  ids: z.array(commentId).min(1).max(200),
});

export const pinSchema = z.object({ pinned: z.boolean() });

export const undoSchema = z.object({ undo: z.number().int().positive() });

export const textSchema = (maxTextLength: number) =>
  z.object({
    text: z
      .string()
      .max(maxTextLength)
      .refine((t) => t.trim().length > 0, { message: 'is required', params: { required: true } }),
  });

export const banSchema = z
  .object({
    kind: z.enum(['account', 'email', 'ip']),
    /** The email, IP address or account id to ban; or `comment` to take it from a comment. */
    value: z.string().trim().toLowerCase().min(1).max(320).optional(),
    comment: commentId.optional(),
    /** ISO date-time the ban ends; absent or null for a permanent ban. */
    until: z.iso.datetime({ offset: true }).nullable().default(null),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((ban) => ban.value !== undefined || ban.comment !== undefined, {
    message: 'is required (or name a comment to take it from)',
    path: ['value'],
    params: { required: true },
  });

export const lockSchema = z.object({ site: siteId.default('default'), page: pageKey, locked: z.boolean() });

export const threadQuerySchema = z.object({ site: siteId.default('default'), page: pageKey });

/** A moderator's title and publication date for a thread (ISO date-time, or null for none). */
export const threadMetaSchema = z.object({
  site: siteId.default('default'),
  page: pageKey,
  title: label(TITLE_LENGTH),
  published: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).nullable(),
});

const words = z.array(z.string().max(200)).max(5000);

export const settingsSchema = z
  .object({
    moderation: z.enum(['open', 'first-time', 'all']),
    holdLinks: z.number().int().min(0).max(1000),
    moderationWords: words,
    blocklistWords: words,
    closeAfterDays: z.number().int().min(0).max(36_500),
    requireNameEmail: z.boolean().nullable(),
  })
  .partial();

export const auditQuerySchema = z.object({
  comment: z.coerce.number().int().positive().optional(),
  moderator: z.coerce.number().int().positive().optional(),
  before: beforeId,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
