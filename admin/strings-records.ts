/**
 * The words of the record screens — the audit log, bans, readers' accounts, mail and webhooks —
 * part of admin/strings.ts (`strings.audit`, `strings.bans`, …), kept here so that file stays
 * one screen's words per group. Same rules: keep the texts exactly as shown (the end-to-end tests
 * find elements by them).
 */
export const records = {
  audit: {
    heading: 'Audit log',
    comment: 'Comment number',
    moderator: 'Moderator',
    anyone: 'Anyone',
    filter: 'Filter',
    tableLabel: 'Audit log entries',
    caption: 'Audit log entries, newest first',
    columns: { when: 'When', who: 'Who', action: 'Action', comment: 'Comment', page: 'Page', reason: 'Reason', before: 'Before', after: 'After' },
    system: 'Rules (automatic)',
    reader: 'A reader',
    empty: 'No entries.',
  },

  bans: {
    heading: 'Bans',
    kinds: { email: 'Email', ip: 'IP address', account: 'Account' },
    /** The kinds in `common.banned` after adding a ban here (all lower case, "ip address" too, as before). */
    kindsInSentence: { email: 'email', ip: 'ip address', account: 'account' },
    kind: 'Ban by',
    value: 'Value',
    until: 'Until (empty: permanently)',
    reason: 'Reason',
    submit: 'Add ban',
    /** How long a ban in the list lasts. */
    lastsUntil: 'until {date}',
    permanently: 'permanently',
    lift: 'Lift ban on {value}',
    lifted: 'Lifted the ban on {value}.',
    empty: 'No one is banned.',
  },

  /** Readers' accounts, and linking one to a moderator so that it moderates from the thread. */
  accounts: {
    heading: 'Accounts',
    intro:
      'A reader’s account linked to a moderator sees Approve, Spam, Trash, Pin, Lock thread and Ban beside each comment on the blog, and the held comments there. Signing in by email with a moderator’s address links it by itself.',
    search: 'Find an account by name or email',
    find: 'Find',
    tableLabel: 'Accounts',
    name: 'Name',
    provider: 'Signed in with',
    email: 'Email',
    moderator: 'Moderates as',
    nobody: 'Not a moderator',
    /** The label of one account's moderator picker. */
    linkLabel: 'Moderator for {name}',
    linked: 'Account {name} now moderates as {email}.',
    unlinked: 'Account {name} no longer moderates.',
    empty: 'No account matches.',
  },

  mail: {
    heading: 'Mail',
    off: 'Mail is off: set SMTP_URL and MAIL_FROM to send notifications.',
    /** `{failed}` is `failed`, shown in bold. */
    counts: '{queued} waiting, {sending} being sent, {sent} sent in the last 30 days, {failed}.',
    failed: '{n} failed',
    refresh: 'Refresh',
    tableLabel: 'Failed mails',
    caption: 'Failed mails, newest first',
    columns: { queued: 'Queued', kind: 'Kind', to: 'To', subject: 'Subject', attempts: 'Attempts', lastError: 'Last error', action: 'Action' },
    /** Mail kinds by their stored name; an unknown kind is shown by its name. */
    kinds: { comment: 'New comment', reply: 'Reply', held: 'Moderation', confirm: 'Confirmation', digest: 'Digest' } as Readonly<Record<string, string>>,
    retry: 'Retry mail {id}',
    retried: 'The mail is queued again.',
    empty: 'No mail has failed.',
  },

  webhooks: {
    heading: 'Webhooks',
    off: 'Webhooks are off: set WEBHOOK_URLS (and WEBHOOK_SECRET) to send events to a receiver or a chat service.',
    targetsLabel: 'Targets',
    target: '{target} ({format})',
    formats: { json: 'signed JSON', slack: 'Slack', discord: 'Discord', matrix: 'Matrix' } as Readonly<Record<string, string>>,
    counts: '{queued} waiting, {sent} delivered in the last 7 days, {failed} failed.',
    refresh: 'Refresh',
    onlyFailed: 'Failed only',
    tableLabel: 'Webhook deliveries',
    caption: 'Latest deliveries, newest first',
    columns: { at: 'Recorded', event: 'Event', target: 'Target', state: 'State', attempts: 'Attempts', lastError: 'Last error', action: 'Action' },
    events: {
      'comment.created': 'New comment',
      'comment.held': 'Held comment',
      'comment.approved': 'Approved',
      'comment.spam': 'Marked as spam',
      'comment.reported': 'Reported',
      'comment.deleted': 'Deleted',
    } as Readonly<Record<string, string>>,
    states: { queued: 'Waiting', sent: 'Delivered', failed: 'Failed' },
    stateWithStatus: '{state} (HTTP {status})',
    retry: 'Retry delivery {id}',
    retried: 'The delivery is queued again.',
    empty: 'Nothing has been delivered yet.',
    noneFailed: 'No delivery has failed.',
  },
} as const;
