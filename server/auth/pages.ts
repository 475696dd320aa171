/**
 * The small pages the sign-in popup shows on Parley's own origin. Every value
 * is escaped; scripts and styles run only with the response's CSP nonce.
 */
import { randomToken } from '../lib/tokens.ts';
import { fill, type ServerStrings } from '../i18n/index.ts';

export interface Page {
  html: string;
  headers: Record<string, string>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2327}
label{display:block;font-weight:600}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box;margin:.3rem 0 .8rem}
button{font:inherit;padding:.4rem 1rem}.error{color:#b32d2e}`;

/** A page in language `s`: the widget's, told at the start of the sign-in. */
function page(s: ServerStrings, title: string, body: string, script = ''): Page {
  const nonce = randomToken(16);
  const html =
    `<!doctype html><html lang="${escapeHtml(s.lang)}" dir="${s.dir == 'rtl' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body>${body}` +
    (script ? `<script nonce="${nonce}">${script}</script>` : '') +
    `</body></html>`;
  return {
    html,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

/** Sends `message` to the window that opened the popup, at exactly `origin`, then closes; `fallback` shows when there is no opener. */
const postToOpener = (message: unknown, origin: string, close: boolean) =>
  `(function(){var m=${scriptJson(message)},o=${scriptJson(origin)};` +
  `if(window.opener){window.opener.postMessage(m,o);${close ? 'window.close();' : ''}}` +
  `else{var f=document.getElementById('no-opener');if(f)f.hidden=false;}})();`;

/** The end of a popup sign-in: hands the session token to the embedding page and closes. */
export function sessionPage(token: string, origin: string, providerName: string, s: ServerStrings): Page {
  const provider = { provider: providerName };
  return page(
    s,
    fill(s.signIn.doneTitle, provider),
    `<p>${escapeHtml(fill(s.signIn.done, provider))}</p><p id="no-opener" hidden>${escapeHtml(s.signIn.lost)}</p>`,
    postToOpener({ type: 'parley:session', token }, origin, true),
  );
}

/** A refused sign-in: the reason, told to the opener too when it is known where the popup came from. */
export function errorPage(error: { code: string; message: string }, s: ServerStrings, where?: { origin: string; page: string }): Page {
  const back = where ? `<p><a href="${escapeHtml(where.page)}">${escapeHtml(s.signIn.back)}</a></p>` : '';
  return page(
    s,
    s.signIn.failed,
    `<h1>${escapeHtml(s.signIn.failed)}</h1><p class="error" role="alert">${escapeHtml(error.message)}</p>${back}<p id="no-opener" hidden></p>`,
    where ? postToOpener({ type: 'parley:auth-error', code: error.code, message: error.message }, where.origin, false) : '',
  );
}

/** Asks a reader for their Mastodon server, then starts again with it. */
export function instancePage(action: string, params: Record<string, string>, s: ServerStrings, problem?: string): Page {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    s,
    s.signIn.mastodonTitle,
    `<h1>${escapeHtml(s.signIn.mastodonTitle)}</h1><form method="get" action="${escapeHtml(action)}">${hidden}` +
      `<label for="instance">${escapeHtml(s.signIn.mastodonServer)}</label>` +
      `<input id="instance" name="instance" required placeholder="mastodon.social" autocomplete="url" autofocus${problem ? ' aria-describedby="problem"' : ''}>` +
      (problem ? `<p id="problem" class="error" role="alert">${escapeHtml(problem)}</p>` : '') +
      `<button type="submit">${escapeHtml(s.signIn.continue)}</button></form>`,
  );
}

/** The name field of a new account's confirm page: what to offer, and why the last one was refused. */
export interface NameField {
  value: string;
  problem?: string;
}

/**
 * Behind the link in a sign-in mail: asks before using it. A mail scanner that opens every link
 * therefore cannot use it up; the reader's click on the button (a POST with the token) signs them in.
 * A new account is asked here for the name its comments show (`name`, offered filled in when known);
 * an address that already has an account keeps its name, so `name` is null and no field shows.
 */
export function emailConfirmPage(token: string, email: string, site: string, s: ServerStrings, name: NameField | null = null): Page {
  const words = s.emailSignIn;
  const problem = name?.problem ? `<p id="name-problem" class="error" role="alert">${escapeHtml(name.problem)}</p>` : '';
  const field = name
    ? `<label for="name">${escapeHtml(words.name)}</label>` +
      `<input id="name" name="name" required maxlength="100" autocomplete="name" value="${escapeHtml(name.value)}"` +
      `${name.problem ? ' aria-invalid="true" aria-describedby="name-problem" autofocus' : ''}>${problem}`
    : '';
  return page(
    s,
    words.title,
    `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(fill(words.ask, { email, site }))}</p>` +
      `<form method="post" action="verify"><input type="hidden" name="t" value="${escapeHtml(token)}">${field}` +
      `<button type="submit">${escapeHtml(words.button)}</button></form>`,
  );
}
