import { createServer } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

/** A message as the test SMTP server received it: the envelope, the raw bytes, and mailparser's reading of them. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
  /** The raw header block, unfolded, one header a line. */
  headerLines: string[];
}

export interface SmtpOptions {
  port?: number;
  /** Require these credentials (AUTH PLAIN/LOGIN over the plain loopback connection). */
  auth?: { user: string; pass: string };
  /** Runs when a message has been received, before the server answers 250; throwing answers 451. */
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void;
  /** Answer every message with this permanent error (e.g. 550) instead of accepting it. */
  reject?: { code: number; message: string };
}

/** A free TCP port on loopback (for a server the test starts later, or never). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A real SMTP server on loopback that records every message it accepts. */
export async function startSmtpServer(options: SmtpOptions = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          raw,
          parsed: await simpleParser(raw),
          headerLines: raw
            .slice(0, raw.indexOf('\r\n\r\n'))
            .replace(/\r\n[ \t]+/g, ' ')
            .split('\r\n'),
        };
        if (options.reject) {
          const error = Object.assign(new Error(options.reject.message), { responseCode: options.reject.code });
          return callback(error);
        }
        try {
          await options.beforeAccept?.(mail);
        } catch (error) {
          return callback(Object.assign(new Error(String(error)), { responseCode: 451 }));
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const auth = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    /** Messages sent to `address`. */
    to: (address: string) => received.filter((mail) => mail.envelope.to.includes(address)),
    /** Waits until at least `count` messages have arrived (all of them, or those to `address`). */
    async waitFor(count: number, address?: string, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mails = address ? received.filter((mail) => mail.envelope.to.includes(address)) : received;
        if (mails.length >= count) return mails;
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s)${address ? ` to ${address}` : ''}, got ${mails.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** The addresses of a parsed To header. */
export function toAddresses(mail: ParsedMail): string[] {
  const to = mail.to as AddressObject | AddressObject[] | undefined;
  return (Array.isArray(to) ? to : to ? [to] : []).flatMap((group) => group.value.map((a) => a.address ?? ''));
}

/** The links of a mail's plain-text part, by the words before them (`Unsubscribe: URL`). */
export function linkAfter(mail: ReceivedMail, label: string): string {
  const match = new RegExp(`${label}:?\\s+(https?://\\S+)`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no "${label}" link in:\n${mail.parsed.text}`);
  return match[1]!;
}

/** A header's value as it arrived (unfolded), or undefined; for headers mailparser restructures (List-*). */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  return mail.headerLines
    .find((line) => line.toLowerCase().startsWith(prefix))
    ?.slice(prefix.length)
    .trim();
}
