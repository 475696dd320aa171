/** What the mail repository hands the composer, and what the composer hands back for the outbox. */
import type { Comment, Moderator, Subscription, Thread } from '../db/domain.ts';
import type { MailAddress } from './mail-config.ts';

export type { DigestChoice, SubscriptionState } from '../db/domain.ts';

export type MailKind = 'comment' | 'reply' | 'held' | 'confirm' | 'digest' | 'sign-in';

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
  comment: Comment;
  thread: Thread;
  subscription: Subscription;
  /** The comment answers one of the subscriber's own comments. */
  reply: boolean;
}

export interface HeldMailData {
  comment: Comment;
  thread: Thread;
  moderator: Moderator;
  /** The blog's origin the comment was posted from; '' when unknown. */
  origin: string;
  /** Why the rules held it. */
  reason: string;
}

export interface DigestMailData {
  subscription: Subscription;
  thread: Thread;
  comments: Array<{ comment: Comment; reply: boolean }>;
}

/** Renders each kind of mail. Synchronous: the repository calls it inside its transactions. */
export interface MailComposer {
  published(data: PublishedMailData): OutgoingMail;
  held(data: HeldMailData): OutgoingMail;
  confirm(data: { subscription: Subscription; thread: Thread }): OutgoingMail;
  digest(data: DigestMailData): OutgoingMail;
}
