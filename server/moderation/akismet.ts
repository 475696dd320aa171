/**
 * A client for Akismet's comment-check API (https://akismet.com/developers/):
 * POST {url}/1.1/comment-check as a form; the body answers `true` (spam) or
 * `false` (ham); anything else — `invalid`, an HTTP error, a timeout — is an
 * outage the caller must survive.
 */
export interface AkismetComment {
  blog: string;
  permalink: string;
  userIp: string;
  userAgent: string;
  referrer: string;
  author: string;
  email: string;
  url: string;
  content: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export type AkismetVerdict = { kind: 'spam'; discard: boolean } | { kind: 'ham' } | { kind: 'error'; detail: string };

export interface Akismet {
  check(comment: AkismetComment): Promise<AkismetVerdict>;
  /** Tells Akismet it was wrong (a moderator marked spam, or approved spam); errors are only logged. */
  report(verdict: 'spam' | 'ham', comment: AkismetComment): Promise<void>;
}

export function createAkismet(options: { key: string; url: string; timeoutMs?: number; log?: (message: string) => void }): Akismet {
  const timeoutMs = options.timeoutMs ?? 4000;
  const log = options.log ?? ((message) => console.error(`[parley] ${message}`));

  async function call(method: string, comment: AkismetComment): Promise<Response> {
    return fetch(`${options.url}/1.1/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Parley/0.1 | Akismet/1.1' },
      body: form(options.key, comment),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  return {
    async check(comment) {
      try {
        const response = await call('comment-check', comment);
        const body = (await response.text()).trim();
        if (response.ok && body === 'true') return { kind: 'spam', discard: response.headers.get('x-akismet-pro-tip') === 'discard' };
        if (response.ok && body === 'false') return { kind: 'ham' };
        const help = response.headers.get('x-akismet-debug-help') ?? response.headers.get('x-akismet-error') ?? '';
        return { kind: 'error', detail: `HTTP ${response.status} "${body.slice(0, 60)}"${help ? ` (${help})` : ''}` };
      } catch (error) {
        return { kind: 'error', detail: error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error) };
      }
    },
    async report(verdict, comment) {
      try {
        const response = await call(verdict === 'spam' ? 'submit-spam' : 'submit-ham', comment);
        if (!response.ok) log(`Akismet submit-${verdict} answered HTTP ${response.status}`);
      } catch (error) {
        log(`Akismet submit-${verdict} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

function form(key: string, comment: AkismetComment): URLSearchParams {
  return new URLSearchParams({
    api_key: key,
    blog: comment.blog,
    permalink: comment.permalink,
    user_ip: comment.userIp,
    user_agent: comment.userAgent,
    referrer: comment.referrer,
    comment_type: 'comment',
    comment_author: comment.author,
    comment_author_email: comment.email,
    comment_author_url: comment.url,
    comment_content: comment.content,
    comment_date_gmt: new Date(comment.createdAt).toISOString(),
    blog_charset: 'UTF-8',
  });
}
