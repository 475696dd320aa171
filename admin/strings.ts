/**
 * Every word the admin view shows, in English, in one place so it can be translated later
 * (the view itself stays English for now). Grouped by screen; `common` holds what several share.
 *
 * `{name}` placeholders are filled by `fill` (text only) or `fillParts` (when a value is an element,
 * e.g. a `<kbd>` or `<strong>`); a `{ one, other }` pair is a count's forms, picked by `plural`
 * with the English plural rules. Keep the texts exactly as shown: the end-to-end tests find
 * buttons, fields and notices by them. components/*.tsx hold no words of their own
 * (admin/strings.test.ts checks).
 */

/** A count's forms, by the categories of `Intl.PluralRules('en')`. */
export interface Plural {
  readonly one: string;
  readonly other: string;
}

import { records } from './strings-records.ts';

export const strings = {
  common: {
    loading: 'Loading…',
    cancel: 'Cancel',
    save: 'Save',
    loadMore: 'Load more',
    /** Between the items of a short list in a sentence ("approved, spam"). */
    listSeparator: ', ',
    lockedOn: 'Locked comments on {page}.',
    reopenedOn: 'Reopened comments on {page}.',
    pinnedOn: 'Pinned comment #{id}: it comes first in its thread.',
    unpinnedOn: 'Unpinned comment #{id}.',
    /** A ban just added; `{kind}` is one of `banKinds` (queue) or `bans.kindsInSentence`. */
    banned: 'Banned {kind} {value}.',
    bannedUntil: 'Banned {kind} {value} until {date}.',
    /** The kinds of ban in the middle of a sentence, as a row's Ban form says them. */
    banKinds: { email: 'email', ip: 'IP address', account: 'account' },
  },

  /** Failed requests (admin/api.ts, admin/store.ts). */
  errors: {
    network: 'The comment server cannot be reached; check your connection and try again.',
    status: 'The server answered {status}.',
    sessionEnded: 'Your session has ended; sign in again.',
  },

  signIn: {
    heading: 'Parley moderation',
    /** `{command}` is `command`, shown as code. */
    help: 'Sign in with the moderator account made by {command}.',
    command: 'npm run admin -- create EMAIL',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    signedOut: 'Signed out.',
  },

  /** The header and the section switcher around every screen. */
  workspace: {
    brand: 'Parley moderation',
    site: 'Site',
    allSites: 'All sites',
    signOut: 'Sign out',
    sectionsLabel: 'Sections',
    sections: { queue: 'Comments', settings: 'Settings', audit: 'Audit log', bans: 'Bans', mail: 'Mail', accounts: 'Accounts', webhooks: 'Webhooks' },
  },

  queue: {
    heading: 'Comments',
    tabsLabel: 'Queues',
    tabs: { pending: 'Pending', reported: 'Reported', approved: 'Approved', spam: 'Spam', trash: 'Trash' },
    /** A tab's count while it is loading. */
    countLoading: '…',
    /** `{j}`, `{k}`, … are the keys themselves, shown as `<kbd>`. */
    shortcuts: 'Keys: {j}/{k} next and previous, {a} approve, {s} spam, {t} trash, {x} select.',
    empty: 'Nothing here.',
    /** The list's name; `{queue}` is the tab's word. */
    rowsLabel: '{queue} comments',
    search: {
      label: 'Search',
      fieldLabel: 'in',
      submit: 'Search',
      fields: { all: 'Everything', text: 'Text', author: 'Author', email: 'Email', ip: 'IP address', page: 'Page' },
    },
    bulk: {
      label: 'Bulk actions',
      selectAll: 'Select all',
      withSelected: 'With {n} selected:',
      choose: 'Choose an action',
      apply: 'Apply',
      confirmDelete: 'Delete {n} comment(s) permanently? This cannot be undone.',
      /** Asked before a bulk action on more than ten comments; `{action}` is the action's button word. */
      confirmMany: '{action}: apply to {n} comments?',
    },
    /** The status actions' button words (components/actions.ts). */
    actions: {
      approve: 'Approve',
      keep: 'Keep (approve)',
      spam: 'Spam',
      trash: 'Trash',
      notSpam: 'Not spam',
      restore: 'Restore',
      delete: 'Delete permanently',
    },
    /** What an action did, for its notice (admin/queue-store.ts). */
    done: {
      approve: 'Approved',
      spam: 'Marked as spam',
      trash: 'Moved to the trash',
      restore: 'Restored',
      delete: 'Deleted permanently',
    },
    comments: { one: '{n} comment', other: '{n} comments' } satisfies Plural,
    /** `{action}` is one of `done`, `{comments}` one of `comments`. */
    actionDone: '{action}: {comments}.',
    cannotUndo: 'This cannot be undone.',
    /** `{list}` is `skippedItem`s joined by `skippedSeparator`. */
    skipped: 'Skipped {list}.',
    skippedItem: '#{id}: {reason}',
    skippedSeparator: '; ',
    /** `{statuses}` are the statuses' own names (approved, pending, …), joined by `common.listSeparator`. */
    undone: 'Undone: {comments} put back as {statuses}.',
    undo: 'Undo',
    edited: 'Saved the new text.',
    replied: 'Reply published.',
  },

  /** One comment in a queue, its buttons and its inline forms. */
  row: {
    select: 'Select comment {id} by {name}',
    /** The author's name in `select` when they gave none. */
    anonymousInSentence: 'anonymous',
    anonymous: 'Anonymous',
    moderator: 'Moderator',
    ip: 'IP',
    /** Before the page the comment is on. */
    on: 'On',
    locked: 'Locked',
    /** `{author}` is the parent's author (or `deletedParent`), shown in bold. */
    inReplyTo: 'In reply to {author}: “{excerpt}”',
    deletedParent: 'a deleted comment',
    heldReason: 'Why it is here: {reason}',
    reported: { one: 'Reported {n} time:', other: 'Reported {n} times:' } satisfies Plural,
    noReportReason: 'no reason given',
    /** `{time}` is when the edit was made, as a `<time>`. */
    pendingEdit: 'Edit awaiting approval ({time}): {reason}. Approve publishes it; Spam or Trash rejects the edit and keeps the version above.',
    confirmDelete: 'Delete this comment permanently? This cannot be undone.',
    edit: 'Edit',
    editLabel: 'Text of comment {id}',
    reply: 'Reply',
    replyLabel: 'Reply to {name} as a moderator',
    /** The name in `replyLabel` when the author gave none. */
    replyToNameless: 'this comment',
    publishReply: 'Publish reply',
    ban: 'Ban…',
    lockThread: 'Lock thread',
    unlockThread: 'Unlock thread',
    /** A top-level approved comment shown first in its thread, in every sort (three at most a thread). */
    pin: 'Pin',
    unpin: 'Unpin',
    pinned: 'Pinned',
  },

  /** The Ban… form under a comment. */
  banForm: {
    nothingToBan: 'This comment has no email, address or account to ban.',
    kind: 'Ban',
    email: 'Email {email}',
    ip: 'IP address {ip}',
    account: 'Account #{id}',
    duration: 'How long',
    durations: { permanently: 'Permanently', day: 'For 1 day', week: 'For 7 days', month: 'For 30 days', year: 'For a year' },
    reason: 'Reason (for the log)',
    submit: 'Ban',
  },

  settings: {
    loading: 'Loading settings…',
    heading: 'Settings for {site}',
    saved: 'Saved the rules for {site}; they apply to the next comment.',
    moderation: 'Before a comment appears',
    moderations: { open: 'Publish it at once', firstTime: 'Hold it if the author has no approved comment yet', all: 'Hold every comment for a moderator' },
    holdLinks: 'Hold a comment with this many links or more (0: never)',
    moderationWords: 'Moderation words: hold a comment whose text, name, email, website or IP address contains any of these (one a line)',
    blocklistWords: 'Blocklist: send a comment containing any of these straight to spam (one a line)',
    closeAfterDays: 'Close comments on pages older than this many days (0: never)',
    requireNameEmail: 'Guests must give a name and email',
    /** `{value}` is `serverYes` or `serverNo`. */
    requireAsServer: 'As the server says (REQUIRE_NAME_EMAIL: {value})',
    serverYes: 'yes',
    serverNo: 'no',
    yes: 'Yes',
    no: 'No',
    submit: 'Save settings',
  },

  /** The Settings screen's Lock a thread form (components/thread-lock-form.tsx). */
  threadLock: {
    heading: 'Lock a thread',
    page: 'Page (its path, as in data-page)',
    pagePlaceholder: '/2019/07/a-post/',
    lock: 'Lock',
    unlock: 'Unlock',
  },

  /** The Settings screen's title and date form (components/thread-details-form.tsx). */
  threadDetails: {
    heading: 'A thread’s title and date',
    page: 'Page (its path)',
    pagePlaceholder: '/2019/07/a-post/',
    lookUp: 'Look up',
    /** `{source}` is one of `sources`. */
    now: '{page}: now {source}.',
    sources: { poster: 'sent by the first commenter’s page', blog: 'read from the blog page', moderator: 'set by a moderator' },
    title: 'Title',
    published: 'Published',
    saved: 'Saved the title and date of {page}.',
  },
  ...records,
} as const;

type Values<T> = Readonly<Record<string, T | string | number>>;

/** Fills `{name}` placeholders from `values`; a placeholder with no value stays as it is. */
export function fill(text: string, values: Values<never>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Like `fill`, for values that are elements (a `<kbd>`, a `<strong>`): the pieces to render as
 * children, in the text's order (`fillParts('Keys: {j}', { j: <kbd>j</kbd> })` → `['Keys: ', <kbd>]`).
 */
export function fillParts<T>(text: string, values: Values<T>): Array<T | string> {
  const parts: Array<T | string> = [];
  text.split(/\{(\w+)\}/).forEach((part, i) => {
    const value = i % 2 === 0 ? part : part in values ? values[part]! : `{${part}}`;
    if (value !== '') parts.push(typeof value === 'number' ? String(value) : value);
  });
  return parts;
}

const rules = new Intl.PluralRules('en');

/** The form of `forms` that English uses for `n`, with `{n}` (and any other `values`) filled in. */
export function plural(forms: Plural, n: number, values: Values<never> = {}): string {
  return fill(rules.select(n) === 'one' ? forms.one : forms.other, { ...values, n });
}
