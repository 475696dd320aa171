import type { SiteSettings } from '../server/db/types.ts';
/** Shapes the admin API answers (server/moderation/admin-json.ts). */
export type Queue = 'pending' | 'reported' | 'approved' | 'spam' | 'trash';
export type Action = 'approve' | 'spam' | 'trash' | 'restore' | 'delete';
export type SearchField = 'all' | 'text' | 'author' | 'email' | 'ip' | 'page';

/** A reader's account (GET /api/admin/accounts); `moderator` is the linked moderator's id. */
export interface ReaderAccount {
  id: number;
  provider: string;
  name: string;
  email: string;
  moderator: number | null;
  signedInAt: string;
}

export interface Moderator {
  id: number;
  email: string;
  name: string;
}

export interface AdminComment {
  id: number;
  status: 'approved' | 'pending' | 'spam' | 'trash' | 'deleted';
  site: string;
  page: string;
  /** The comment on the blog; null when its stored page is not a path. */
  url: string | null;
  thread: { title: string; locked: boolean };
  parent: { id: number; author: string; excerpt: string } | null;
  author: { name: string; email: string; url: string; avatar: string; accountId: number | null; isModerator: boolean };
  ip: string;
  userAgent: string;
  text: string;
  html: string;
  likes: number;
  /** Pinned to the top of its thread by a moderator. */
  pinned: boolean;
  createdAt: string;
  editedAt: string | null;
  heldReason: string;
  /** The author's edit held by the rules (the comment itself stays approved). */
  pendingEdit: { text: string; html: string; reason: string; at: string } | null;
  reports: Array<{ reason: string; at: string }>;
}

export type Counts = Record<Queue, number>;

export interface ActionResult {
  done: Array<{ id: number; from: string; to: string }>;
  skipped: Array<{ id: number; reason: string }>;
  /** Present while the action can be undone from its notice (a permanent delete has none). */
  undo: { id: number; expiresAt: string } | null;
}

/** What an undo put back: each comment's status before and after. */
export interface UndoResult {
  action: Action;
  at: string;
  done: Array<{ id: number; from: string; to: string }>;
}

/** A site's moderation rules: the server's own type (type-only), so the two cannot drift. */
export type Settings = SiteSettings;

export interface AuditEntry {
  id: number;
  at: string;
  actor: 'moderator' | 'system' | 'reader';
  moderator: { id: number | null; email: string } | null;
  action: string;
  commentId: number | null;
  site: string;
  page: string;
  reason: string;
  before: unknown;
  after: unknown;
}

export interface Ban {
  id: number;
  kind: 'account' | 'email' | 'ip';
  value: string;
  reason: string;
  until: string | null;
  createdAt: string;
}

export interface MailStatus {
  enabled: boolean;
  counts: { queued: number; sending: number; sent: number; failed: number };
  failed: Array<{ id: number; kind: string; recipient: string; subject: string; attempts: number; lastError: string; createdAt: string }>;
}

export interface WebhookStatus {
  enabled: boolean;
  targets: Array<{ target: string; format: 'json' | 'slack' | 'discord' | 'matrix' }>;
  counts: { queued: number; sent: number; failed: number };
  deliveries: Array<{
    id: number;
    deliveryId: string;
    target: string;
    format: string;
    event: string;
    state: 'queued' | 'sent' | 'failed';
    attempts: number;
    lastStatus: number;
    lastError: string;
    createdAt: string;
    sentAt: string | null;
    nextAttemptAt: string | null;
  }>;
}
