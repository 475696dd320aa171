import { bodyLimit } from 'hono/body-limit';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { label, languageTag, siteId } from '../comments/schemas.ts';
import { avatarKey } from '../comments/avatar-key.ts';
import { assertOriginAllowed } from '../auth/sign-in.ts';
import { HANDOFF_MS, LINK_MS, linkTokenHash, newLinkToken } from '../auth/email-links.ts';
import { signInMail } from '../mail/sign-in-mail.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { serverStrings } from '../i18n/index.ts';
import type { EmailPeek } from '../db/types.ts';
import type { NameField } from '../auth/pages.ts';

/** Links asked for one address, and from one client address, in LIMIT_WINDOW_MS (counted in the database, so every server shares them). */
export const PER_ADDRESS = 3;
export const PER_CLIENT = 10;
export const LIMIT_WINDOW_MS = 15 * 60_000;

const requestSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    /** The name the reader typed in the guest form: the link's page offers it to a new account. */
    name: label(100).default(''),
    /**
     * The widget's site: redeeming the link claims the address's guest comments there only. Not required
     * to hold comments yet (a new blog's first reader may sign in), so only its form is checked.
     */
    site: siteId.default('default'),
    /** The embedding page: the session is handed over there after the link. */
    page: z.url({ protocol: /^https?$/ }).max(2000),
    /** The widget's hand-over secret, kept in the asking browser: only that browser can finish the sign-in. */
    handoff: z.string().regex(/^[A-Za-z0-9_-]{32,100}$/, 'must be 32 to 100 URL-safe characters'),
    lang: languageTag,
  })
  .strict();

/** A new account's name, as a comment author's: required, one line, no controls, bidi overrides or invisible marks. */
const accountName = label(100).pipe(z.string().min(1));

/** Whether sign-in by email is offered: mail can be sent (SMTP_URL) and EMAIL_SIGN_IN is not false. */
export const emailSignInOn = (deps: Pick<Deps, 'config'>) => deps.config.mail !== null && deps.config.auth.emailSignIn;

/**
 * `POST /api/auth/email`: mails a one-time sign-in link. The answer is the same `202 { sent: true }`
 * whether the address has an account, is a moderator's, or has asked too often (then no mail goes):
 * it says nothing about the address. Too many asks from one client address answer 429.
 */
export function emailSignInRequestRoutes(deps: Deps) {
  const { repos, config, clock } = deps;
  return new Hono().post('/auth/email', async (c) => {
    if (!emailSignInOn(deps)) throw new AppError(404, 'email_sign_in_off', 'This comment server does not offer sign-in by email.');
    const ip = clientIp(c, config.trustProxy);
    const input = parse(requestSchema, await jsonBody(c));
    const page = new URL(input.page);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== page.origin) throw new AppError(403, 'origin_not_allowed', 'The page must be on the origin the request comes from.');
    assertOriginAllowed(deps, page.origin, ownOrigin(c, config));
    const now = clock();
    const recent = await repos.emailSignIns.recent(input.email, ip, now - LIMIT_WINDOW_MS);
    if (recent.byIp >= PER_CLIENT) {
      throw new AppError(429, 'rate_limited', 'Too many sign-in links were asked for from here; try again in a few minutes.', undefined, {
        'Retry-After': String(LIMIT_WINDOW_MS / 1000),
      });
    }
    if (recent.byEmail < PER_ADDRESS) {
      const { token, hash } = newLinkToken(deps.secret);
      const lang = serverStrings(input.lang).lang;
      const base = config.publicUrl || ownOrigin(c, config);
      const mail = signInMail(config.mail!, { to: input.email, link: `${base}/auth/email/verify?t=${token}`, site: page.host, lang });
      const link = {
        email: input.email,
        name: input.name,
        siteId: input.site,
        origin: page.origin,
        page: page.href,
        handoffHash: sha256(input.handoff),
        lang,
        ip,
      };
      await repos.emailSignIns.request(hash, link, mail, now, now + LINK_MS);
    }
    return c.json({ sent: true }, 202);
  });
}

/**
 * `GET /auth/email/verify?t=`: the page behind the mailed link, asking to confirm (and, for an address
 * without an account yet, for the name its comments will show); `POST` (the page's button) checks
 * that name — refused, the page shows again with the reason and the link unused — then uses the link once, then sends the browser back to the blog page with a one-time
 * hand-over (`#parley-auth=GRANT`) that only the browser holding the request's secret can redeem.
 */
export function emailSignInLinkRoutes(
  deps: Deps,
  pages: typeof import('../auth/pages.ts'),
  words: (c: Context, lang?: string) => ReturnType<typeof serverStrings>,
) {
  const { repos, clock } = deps;
  const render = (c: Context, status: number, page: { html: string; headers: Record<string, string> }) => c.html(page.html, status as 400, page.headers);

  function refusal(c: Context, refusal: 'unknown' | 'used' | 'expired', lang?: string) {
    const s = words(c, lang);
    const expired = refusal === 'expired';
    const message = expired ? s.emailSignIn.expired : s.emailSignIn.invalid;
    return render(c, 400, pages.errorPage({ code: expired ? 'link_expired' : 'link_invalid', message }, s));
  }

  /** The link's page: asks to confirm, and a new account (`peeked.accountName` null) for its name. */
  function confirm(c: Context, token: string, peeked: Extract<EmailPeek, { ok: true }>, name?: NameField) {
    const { link } = peeked;
    const field = peeked.accountName === null ? (name ?? { value: link.name || peeked.moderatorName || '' }) : null;
    const s = words(c, link.lang);
    return render(c, field?.problem ? 400 : 200, pages.emailConfirmPage(token, link.email, new URL(link.origin).host, s, field));
  }

  return (
    new Hono()
      // The page's form is a token and a name: a larger body is refused before it is read (as /mail/* pages are).
      .use(
        '/auth/email/verify',
        bodyLimit({
          maxSize: 8 * 1024,
          onError: (c) => render(c, 413, pages.errorPage({ code: 'body_too_large', message: words(c).emailSignIn.invalid }, words(c))),
        }),
      )
      .get('/auth/email/verify', async (c) => {
        await deps.limits.actions.hit(`ip:${clientIp(c, deps.config.trustProxy)}`);
        const hash = linkTokenHash(deps.secret, c.req.query('t'));
        const found = hash ? await repos.emailSignIns.peek(hash, clock()) : ({ ok: false, refusal: 'unknown' } as const);
        if (!found.ok) return refusal(c, found.refusal);
        return confirm(c, c.req.query('t')!, found);
      })
      .post('/auth/email/verify', async (c) => {
        await deps.limits.actions.hit(`ip:${clientIp(c, deps.config.trustProxy)}`);
        const form = await c.req.parseBody();
        const hash = linkTokenHash(deps.secret, form.t);
        const found = hash ? await repos.emailSignIns.peek(hash, clock()) : ({ ok: false, refusal: 'unknown' } as const);
        if (!found.ok) return refusal(c, found.refusal);
        const { email, origin, lang } = found.link;
        assertOriginAllowed(deps, origin, ownOrigin(c, deps.config));
        // A known account keeps its name; a new one takes the name given on the page, never one made up from the address.
        let name = found.accountName;
        if (name === null) {
          const given = typeof form.name === 'string' ? form.name : '';
          const checked = accountName.safeParse(given);
          if (!checked.success) {
            const s = words(c, lang).emailSignIn;
            return confirm(c, String(form.t), found, { value: given, problem: given.trim() ? s.nameInvalid : s.nameMissing });
          }
          name = checked.data;
        }
        const profile = {
          provider: 'email',
          providerUserId: email,
          name,
          email,
          url: '',
          avatarUrl: '',
          avatarKey: avatarKey(deps.secret, { email, name }),
        };
        const grant = randomToken(32);
        const now = clock();
        const done = await repos.emailSignIns.redeem(hash!, profile, { grantHash: sha256(grant), expiresAt: now + HANDOFF_MS }, now);
        if (!done.ok) return refusal(c, done.refusal, lang);
        return c.redirect(`${done.link.page.replace(/#.*$/, '')}#parley-auth=${grant}`, 303);
      })
  );
}
