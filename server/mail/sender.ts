/**
 * The background sender: drains the outbox. Each pass turns pending mail jobs
 * into messages, renders the daily digests that are due, then claims due
 * messages one at a time (with a lease) and hands each to SMTP. A message the
 * server refuses for good (5xx) or that keeps failing is marked failed; other
 * failures are retried with exponential back-off.
 *
 * What is guaranteed: every queued message is handed to the SMTP server at
 * least once (until it is marked failed). If the process dies after the SMTP
 * server accepted a message and before the outbox recorded it as sent, the
 * message is sent again once its lease runs out — with the same Message-ID,
 * Date, subject and body, so the copy is recognisably the same message. SMTP
 * offers nothing stronger (the server may accept a message whose
 * acknowledgement never arrives), so "exactly once" is not promised.
 */
import type { MailRepo } from '../db/types.ts';
import type { ClaimedMail } from '../db/types.ts';
import type { ChangeFeed } from '../db/changes.ts';
import type { MailConfig } from './mail-config.ts';
import type { MailComposer } from './types.ts';
import { describeError, hasReply, isPermanent, type MailTransport } from './transport.ts';

export interface MailSenderOptions {
  mail: Pick<MailRepo, 'jobs' | 'outbox'>;
  composer: MailComposer;
  transport: MailTransport;
  config: MailConfig;
  clock: () => number;
  /** New comments and status changes wake the sender at once; otherwise it looks every `pollMs`. */
  changes?: ChangeFeed;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface PassResult {
  sent: number;
  /** Not sent this time: given back for a retry, or marked failed. */
  unsent: number;
}

const HOUR_MS = 3_600_000;
/** The longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 6 * HOUR_MS;
/** Sent messages are kept this long (the admin view's counts), then forgotten. */
const KEEP_SENT_MS = 30 * 24 * HOUR_MS;
const JOBS_PER_PASS = 100;

/** The wait after the `attempts`-th failed attempt: base, 2×base, 4×base, … up to MAX_RETRY_DELAY_MS. */
export function retryDelay(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createMailSender(options: MailSenderOptions) {
  const { mail, composer, transport, config, clock } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[parley] ${message}`, error ?? ''));
  const pollMs = options.pollMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = true;
  let prunedAt = 0;
  let unsubscribe: (() => void) | null = null;

  /** Sends one claimed message and records the outcome; false when it was not sent. */
  async function deliver(message: ClaimedMail): Promise<boolean> {
    try {
      await transport.send(message);
    } catch (error) {
      const last = isPermanent(error) || message.attempts >= config.maxAttempts;
      const at = last ? null : clock() + retryDelay(message.attempts, config.retryMs);
      await mail.outbox.markUnsent(message, at, describeError(error));
      const next = at === null ? 'marked failed' : `next attempt in ${Math.round((at - clock()) / 1000)} s`;
      log(`mail ${message.id} (${message.kind}) not sent, attempt ${message.attempts} of ${config.maxAttempts}, ${next}: ${describeError(error)}`);
      if (!hasReply(error)) throw new ServerUnreachable();
      return false;
    }
    // A crash here, after the server accepted the message and before this commit, means one resend with the same Message-ID.
    await mail.outbox.markSent(message, clock());
    return true;
  }

  /** One pass over everything that is due. */
  async function pass(): Promise<PassResult> {
    const now = clock();
    await mail.jobs.expand(composer, now, JOBS_PER_PASS, (job, error) => log(`mail job ${job.id} (${job.kind}) could not be rendered and is skipped`, error));
    await mail.jobs.digests(composer, now, JOBS_PER_PASS, (error) => log('a daily digest could not be rendered and is skipped', error));
    if (now - prunedAt >= HOUR_MS) {
      prunedAt = now;
      await mail.outbox.prune(now - KEEP_SENT_MS);
    }
    const result: PassResult = { sent: 0, unsent: 0 };
    try {
      for (;;) {
        const [message] = await mail.outbox.claim(clock(), config.leaseMs, 1);
        if (!message) break;
        if (await deliver(message)) result.sent++;
        else result.unsent++;
      }
    } catch (error) {
      // The server cannot be reached: the rest waits for the next pass rather than each failing in turn.
      if (!(error instanceof ServerUnreachable)) throw error;
      result.unsent++;
    }
    return result;
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  function run() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => log('the mail sender failed a pass; it will try again', error))
      .finally(() => {
        running = null;
        schedule(again ? 0 : pollMs);
        again = false;
      });
  }

  return {
    /** Runs one pass now (tests drive the sender this way instead of starting it). */
    pass,

    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe =
        options.changes?.subscribe((change) => {
          if (change.type === 'created' || change.type === 'status') schedule(0);
        }) ?? null;
      schedule(0);
    },

    /** Stops after the message in hand (never mid-send) and closes the SMTP connection. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      unsubscribe?.();
      await running;
      transport.close();
    },
  };
}

class ServerUnreachable extends Error {}

export type MailSender = ReturnType<typeof createMailSender>;
