/** What the mail repository hands the composer, and what the composer hands back for the outbox. */
import type { CommentRow, ThreadRow } from '../db/rows.ts';
import type { Moderator } from '../db/moderators-repo.ts';
import type { MailAddress } from './mail-config.ts';

export type SubscriptionState = 'pending' | 'active' | 'unsubscribed';
export type DigestChoice = 'immediate' | 'daily';

export interface SubscriptionRow {
  id: number;
  thread_id: number;
  email: string;
  name: string;
  /** The blog's origin where the reader subscribed (links in their mails point there); '' when unknown. */
  origin: string;
  state: SubscriptionState;
  digest: DigestChoice;
  comment_id: number | null;
  requested_at: number;
  confirm_sent_at: number | null;
  confirmed_at: number | null;
  digest_due_at: number | null;
  /** The language of the page the reader subscribed on (a widget locale code); their mails are written in it. */
  lang: string;
}

export type MailKind = 'comment' | 'reply' | 'held' | 'confirm' | 'digest';

/** A rendered mail, ready for the outbox. */
export interface OutgoingMail {
  kind: MailKind;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, …); names and values already safe. */
  headers: Record<string, string>;
  /** `<random@from-domain>`, fixed for the outbox row: a resend is recognisably the same message. */
  messageId: string;
}

export interface PublishedMailData {
  comment: CommentRow;
  thread: ThreadRow;
  subscription: SubscriptionRow;
  /** The comment answers one of the subscriber's own comments. */
  reply: boolean;
}

export interface HeldMailData {
  comment: CommentRow;
  thread: ThreadRow;
  moderator: Moderator;
  /** The blog's origin the comment was posted from; '' when unknown. */
  origin: string;
  /** Why the rules held it. */
  reason: string;
}

export interface DigestMailData {
  subscription: SubscriptionRow;
  thread: ThreadRow;
  comments: Array<{ comment: CommentRow; reply: boolean }>;
}

/** Renders each kind of mail. Synchronous: the repository calls it inside its transactions. */
export interface MailComposer {
  published(data: PublishedMailData): OutgoingMail;
  held(data: HeldMailData): OutgoingMail;
  confirm(data: { subscription: SubscriptionRow; thread: ThreadRow }): OutgoingMail;
  digest(data: DigestMailData): OutgoingMail;
}
