/**
 * English: the source of every locale (the key list is /work/wt/STRINGS.md's), and the one built into
 * embed.js. Every other language is a file beside this one, `widget/i18n/<code>.ts`, of exactly this
 * shape, written `export default { … } satisfies Locale;`; the build turns each into
 * `dist/i18n/<code>.<hash>.json`, fetched only when a page asks for that language (widget/lang/).
 *
 * `{n}`, `{title}`, `{name}`, `{date}`, `{time}`, `{provider}`, … are filled in by `fmt` (widget/format.ts).
 * Plural groups (`thoughts`, `counts`, `likes`) are keyed by the categories of `Intl.PluralRules(lang)`:
 * exactly the ones the language's cardinal rules use, `other` always.
 */

/** A count's forms by plural category; `other` is always there. */
export type Plural = { [K in Intl.LDMLPluralRule]?: string } & { other: string };

/**
 * Link texts for `[data-parley-count]`. A separate constant so count.js carries only these three;
 * `zero` is said for no comments at all (WordPress: "Leave a comment"), whatever the plural rules say.
 */
export const counts: Plural & { zero: string } = { zero: 'Leave a comment', one: '{n} Comment', other: '{n} Comments' };

const en = {
  /** The language of these strings (BCP 47), for the `lang` attribute and the plural rules. */
  lang: 'en',
  dir: 'ltr' as 'ltr' | 'rtl',
  thoughts: { one: 'One thought on “{title}”', other: '{n} thoughts on “{title}”' } as Plural,
  counts,
  start: 'Start a Conversation',
  leave: 'Leave a Reply',
  replyTo: 'Reply to {name}',
  cancelReply: 'Cancel reply',
  intro: 'Fill in your details below or click an icon to log in:',
  introGuest: 'Fill in your details below:',
  comment: 'Comment',
  email: 'Email',
  emailReq: 'Email (required)',
  emailHint: 'Address never made public',
  name: 'Name',
  nameReq: 'Name (required)',
  website: 'Website',
  notify: 'Notify me of new comments via email.',
  post: 'Post Comment',
  posting: 'Posting…',
  write: 'Write',
  preview: 'Preview',
  previewEmpty: 'Nothing to preview yet.',
  skip: 'Skip to the comment form',
  reply: 'Reply',
  replyLabel: 'Reply to {name}',
  like: 'Like',
  likeLabel: 'Like {name}’s comment',
  likes: { one: '{n} like', other: '{n} likes' } as Plural,
  edit: 'Edit',
  del: 'Delete',
  report: 'Report',
  reportLabel: 'Report {name}’s comment',
  reported: 'Reported',
  save: 'Save',
  cancel: 'Cancel',
  confirmDelete: 'Delete this comment?',
  reason: 'Why? (optional)',
  pending: 'Your comment is awaiting moderation.',
  editPending: 'Your edit is awaiting moderation.',
  deleted: 'This comment was deleted.',
  edited: 'edited',
  moderator: 'Moderator',
  guest: 'Guest',
  pinned: 'Pinned',
  inReplyTo: 'in reply to {name}',
  pingback: 'Pingback',
  trackback: 'Trackback',
  permalink: 'Link to this comment',
  /** Twelve names split by `|`, in the form used inside a full date (genitive where the language declines). */
  months: 'January|February|March|April|May|June|July|August|September|October|November|December',
  date: '{month} {day}, {year}',
  at: '{date} at {time}',
  clock: '12' as '12' | '24',
  am: 'am',
  pm: 'pm',
  sort: 'Sort by',
  oldest: 'Oldest first',
  newest: 'Newest first',
  top: 'Most liked',
  more: 'Load more comments',
  moreReplies: 'Show more replies',
  loading: 'Loading comments…',
  loadFailed: 'Comments could not be loaded.',
  retry: 'Retry',
  closed: 'Comments are closed.',
  arrived: 'New comment by {name}.',
  logIn: 'Log in with {provider}',
  logInEmail: 'Sign in with email',
  emailSent: 'Check your inbox: we sent a sign-in link to {email}.',
  connecting: 'Connecting to {provider}',
  using: 'You are commenting using your {provider} account.',
  logOut: 'Log Out',
  change: 'Change',
  signInFailed: 'Sign-in did not work: {message}',
  signInExpired: 'Sign-in did not work; please try again.',
  recentOn: '{name} on {title}',
  recentNone: 'No comments yet.',
  recentLabel: 'Recent comments',
  /** Server error codes (SPEC §5) and `network` → words; the widget shows these, never the server's message, for a known code. */
  /** A moderator's controls beside each comment (moderate.js, loaded only for an account linked to a moderator). */
  moderate: {
    label: 'Moderation',
    approve: 'Approve',
    spam: 'Spam',
    trash: 'Trash',
    pin: 'Pin',
    unpin: 'Unpin',
    lock: 'Lock thread',
    unlock: 'Unlock thread',
    ban: 'Ban',
    held: 'Awaiting moderation.',
    banned: 'The author is banned.',
  },
  errors: {
    required: 'Please fill in this field.',
    too_long: 'This is too long.',
    too_short: 'This is too short.',
    invalid_email: 'Please enter a valid email address.',
    invalid_url: 'Please enter a valid web address.',
    invalid_value: 'This value is not valid.',
    invalid_characters: 'This contains characters that are not allowed.',
    invalid_page: 'This page cannot take comments.',
    invalid_json: 'Your comment could not be sent. Please try again.',
    parent_not_found: 'The comment you are replying to is gone.',
    thread_locked: 'Comments are closed.',
    edit_window_closed: 'This comment can no longer be changed.',
    not_yours: 'You can only change your own comments.',
    not_found: 'This comment no longer exists.',
    duplicate_comment: "You've already said that!",
    rate_limited: 'You are posting comments too quickly. Try again in {n} seconds.',
    banned: 'You cannot comment here.',
    origin_not_allowed: 'Comments are not enabled for this site.',
    body_too_large: 'Your comment is too long.',
    storage_full: 'The comment server is out of space. Please try again later.',
    internal_error: 'Something went wrong. Please try again.',
    network: 'The comment server could not be reached.',
  },
};

/** The shape every locale file has: English's keys, any words. */
export type Locale = typeof en;
export type ErrorCode = keyof Locale['errors'];

export default en;
