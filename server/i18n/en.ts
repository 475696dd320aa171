/**
 * The words a commenter reads from the server: the mails to subscribers
 * (server/mail/compose.ts), the pages behind their links (server/mail/pages.ts,
 * server/routes/mail.ts) and the sign-in popup's pages (server/auth/pages.ts).
 * The moderator's mails and pages stay English. Every other locale,
 * `server/i18n/<code>.ts`, has exactly these keys and `{placeholders}`; a plural
 * group is keyed by `Intl.PluralRules(lang)` categories (`one`, `other`, …).
 */
export default {
  lang: 'en',
  dir: 'ltr',
  /** A page's title inside a sentence, in the language's quotation marks. */
  title: '“{title}”',
  /** The author of a comment who left no name. */
  someone: 'Someone',
  published: {
    subject: 'New comment on {title}',
    subjectReply: 'Reply to your comment on {title}',
    intro: '{author} commented on {title}:',
    introReply: '{author} replied to your comment on {title}:',
    /** A button in the HTML part; in the text part it is followed by ": URL". */
    read: 'Read it and reply',
  },
  /** The footer of every mail to a subscriber. */
  footer: {
    why: 'You get this mail because you subscribed to new comments on {title}.',
    toDaily: 'Get one daily digest instead',
    toImmediate: 'Get each comment as it is published instead',
    unsubscribe: 'Unsubscribe',
  },
  confirm: {
    subject: 'Confirm your subscription to comments on {title}',
    intro: 'Someone, we hope you, asked to be mailed about new comments on {title} ({page}).',
    /** `{n}`: how many days the link works. */
    action: {
      one: 'To start, confirm your subscription (the link works for one day); you can also choose one daily digest there.',
      other: 'To start, confirm your subscription (the link works for {n} days); you can also choose one daily digest there.',
    },
    /** The text part's "…: URL" line. */
    link: 'Confirm your subscription',
    button: 'Confirm subscription',
    ignore: 'If it was not you, ignore this mail: you will get nothing more.',
  },
  digest: {
    subject: 'Daily digest of new comments on {title}',
    /** `{n}`: how many comments the digest holds. */
    intro: {
      one: 'One new comment on {title} since the last digest:',
      other: '{n} new comments on {title} since the last digest:',
    },
    /** One entry's heading; `{date}` is the comment's date and time. */
    entry: '{author}, {date}:',
    entryReply: '{author} replied to your comment, {date}:',
  },
  /** The pages behind the links in those mails. */
  pages: {
    invalidTitle: 'This link does not work',
    invalid: 'The link is not valid. Copy the whole link from the mail into the address bar, or use the link in a newer mail.',
    expiredTitle: 'This link has expired',
    /** `{hint}` is `hintConfirm` or `hintNewer`. */
    expired: 'The link is too old to use. {hint}',
    hintConfirm: 'Tick the box again when you next comment to get a new confirmation mail.',
    hintNewer: 'Use the link in a newer mail.',
    goneTitle: 'No such subscription',
    gone: 'This subscription no longer exists: the page or its comments were removed.',
    back: 'Back to {title}',
    unsubscribedTitle: 'You are unsubscribed',
    alreadyUnsubscribed: 'You get no mails about new comments on {title}. To subscribe again, tick the box when you next comment there.',
    unsubscribeTitle: 'Unsubscribe?',
    unsubscribeAsk: 'Stop mails about new comments on {title}?',
    unsubscribe: 'Unsubscribe',
    unsubscribed: 'You will get no more mails about new comments on {title}.',
    confirmTitle: 'Confirm your subscription',
    confirmAsk: 'Confirm that you want mails about new comments on {title}.',
    confirm: 'Confirm subscription',
    settingsTitle: 'Mail settings',
    settingsAsk: 'Choose how you get mails about new comments on {title}.',
    save: 'Save',
    howOften: 'How often should we mail you?',
    immediate: 'A mail for each new comment, as it is published',
    daily: 'One daily digest of the new comments',
    notConfirmedTitle: 'Not confirmed yet',
    notConfirmed: 'Confirm your subscription to {title} from the confirmation mail first.',
    subscribedTitle: 'You are subscribed',
    subscribed: 'You will get a mail for each new comment on {title}. Each mail has a link to unsubscribe.',
    subscribedDaily: 'You will get one daily digest of the new comments on {title}. Each mail has a link to unsubscribe.',
  },
  /** The sign-in popup's pages. */
  signIn: {
    doneTitle: 'Signed in with {provider}',
    done: 'You are signed in with {provider}. This window closes by itself.',
    lost: 'This window has lost touch with the page that opened it. Close it and sign in again from the comment form.',
    failed: 'Sign-in failed',
    back: 'Back to the comments',
    mastodonTitle: 'Sign in with Mastodon',
    mastodonServer: 'Your Mastodon server',
    continue: 'Continue',
  },
  /** The thread as the server draws it for readers without JavaScript and for search engines (GET /thread.html): the widget's words. */
  thread: {
    /** The heading: `{n}` comments on the page called `{title}`. */
    thoughts: { one: 'One thought on “{title}”', other: '{n} thoughts on “{title}”' },
    start: 'Start a Conversation',
    leave: 'Leave a Reply',
    replyTo: 'Reply to {name}',
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
    reply: 'Reply',
    likes: { one: '{n} like', other: '{n} likes' },
    pending: 'Your comment is awaiting moderation.',
    deleted: 'This comment was deleted.',
    edited: 'edited',
    moderator: 'Moderator',
    guest: 'Guest',
    pinned: 'Pinned',
    inReplyTo: 'in reply to {name}',
    pingback: 'Pingback',
    trackback: 'Trackback',
    permalink: 'Link to this comment',
    /** Twelve names split by `|`, as in a full date; `date`, `at` and the clock write a comment's date as the widget does. */
    months: 'January|February|March|April|May|June|July|August|September|October|November|December',
    date: '{month} {day}, {year}',
    at: '{date} at {time}',
    clock: '12',
    am: 'am',
    pm: 'pm',
    sort: 'Sort by',
    oldest: 'Oldest first',
    newest: 'Newest first',
    top: 'Most liked',
    more: 'Load more comments',
    moreReplies: 'Show more replies',
    closed: 'Comments are closed.',
    /** A refused form post (POST /comments/form), by the API's error code, beside the field or above the button. */
    errors: {
      required: 'Please fill in this field.',
      too_long: 'This is too long.',
      invalid_email: 'Please enter a valid email address.',
      invalid_url: 'Please enter a valid web address.',
      invalid_value: 'This value is not valid.',
      invalid_characters: 'This contains characters that are not allowed.',
      invalid_page: 'This page cannot take comments.',
      parent_not_found: 'The comment you are replying to is gone.',
      thread_locked: 'Comments are closed.',
      duplicate_comment: "You've already said that!",
      rate_limited: 'You are posting comments too quickly. Try again in {n} seconds.',
      banned: 'You cannot comment here.',
      origin_not_allowed: 'Comments are not enabled for this site.',
      body_too_large: 'Your comment is too long.',
      storage_full: 'The comment server is out of space. Please try again later.',
      internal_error: 'Something went wrong. Please try again.',
    },
  },
  /** Sign-in by email: the mail with the one-time link, and the page behind it. `{site}` is the blog's host. */
  emailSignIn: {
    subject: 'Your sign-in link for the comments on {site}',
    intro: 'Someone, we hope you, asked to sign in with this address to comment on {site}.',
    action: 'The link works once, for 15 minutes.',
    button: 'Sign in',
    ignore: 'If it was not you, ignore this mail: no one can sign in without the link.',
    title: 'Sign in to comment',
    ask: 'Sign in as {email} to comment on {site}?',
    invalid: 'This sign-in link is not valid or was already used. Ask for a new one from the comment form.',
    expired: 'This sign-in link has expired. Ask for a new one from the comment form.',
    /** The name field a new account fills in on the link's page, and why a name was refused. */
    name: 'Your name, shown with your comments',
    nameMissing: 'Give the name your comments will show.',
    nameInvalid: 'This name cannot be used: at most 100 characters, without control characters, direction overrides or invisible marks.',
  },
};
