/**
 * Draws into the slot embed.js gives it: the provider icons (signed out), `Connecting to PROVIDER`
 * while the popup is open, or `You are commenting using your PROVIDER account.` with Log Out and
 * Change. The session token lives in the host page's localStorage (`parley:session`); nothing here
 * uses a cookie.
 */
import type { ThreadStore } from '../store.ts';
import type { Account, Provider } from '../types.ts';
import { exchangeGrant, getMe, logOut, requestEmailLink } from '../api.ts';
import { type Guest, read, write } from '../storage.ts';
import { fmt } from '../format.ts';
import en from '../i18n/en.ts';
import { mark } from './marks.ts';
import { randomSecret, signInPopup } from './popup.ts';
import { adoptStyles } from './styles.ts';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

export function startSignIn(slot: HTMLElement, store: ThreadStore): () => void {
  const base = store.o.base;
  store.learn(en);
  const t = store.t;
  const serverOrigin = new URL(base).origin;
  let connecting: Provider | null = null;
  let problem = '';
  /** Sign-in by email: the address field is open; the address a link was sent to. */
  let asking = false;
  let sentTo = '';
  adoptStyles(slot);

  const signedIn = (account: Account | null) => {
    store.account.value = account;
    store.load(true);
  };

  async function begin(provider: Provider) {
    if (provider.id == 'email') return askForAddress();
    // The popup's pages are written in the thread's language (lang).
    const query = new URLSearchParams({ origin: location.origin, page: location.href.replace(/#.*/, ''), lang: t.lang });
    const url = `${base}auth/${provider.id}/start?${query}`;
    problem = '';
    connecting = provider;
    draw();
    try {
      const token = await signInPopup(url, serverOrigin);
      if (token === undefined) return redirect(url);
      if (token) {
        write('session', token);
        signedIn((await getMe(base)).account);
      }
    } catch (error) {
      problem = fmt(t.signInFailed, { message: (error as Error).message ?? '' });
      console.warn('[parley] sign-in failed', error);
    } finally {
      connecting = null;
      draw();
    }
  }

  /** The email icon opens (or closes) the address field. */
  function askForAddress() {
    asking = !asking;
    problem = '';
    sentTo = '';
    draw();
    if (asking) slot.querySelector('input')?.focus();
  }

  /**
   * Asks for a one-time link by email. The link comes back to this page (in a new tab) with a grant that only
   * this browser can redeem: its secret is kept here, as for a full-page sign-in.
   */
  async function sendLink(input: HTMLInputElement) {
    if (!input.reportValidity()) return;
    const handoff = randomSecret();
    write('handoff', handoff);
    const name = read<Guest>('guest', { name: '', email: '', url: '' }).name;
    try {
      // The thread's site: the link claims this address's guest comments there only.
      await requestEmailLink(base, { email: input.value, name, site: store.o.site, page: location.href.replace(/#.*/, ''), handoff, lang: t.lang });
      sentTo = input.value;
      asking = false;
    } catch (error) {
      problem = fmt(t.signInFailed, { message: (error as Error).message ?? '' });
    }
    draw();
  }

  /** The popup was blocked: the whole page goes through the flow and comes back with a one-time grant. */
  function redirect(url: string) {
    const handoff = randomSecret();
    write('handoff', handoff);
    location.assign(`${url}&mode=redirect&handoff=${handoff}`);
  }

  async function end(change: boolean) {
    await logOut(base).catch(() => {});
    write('session', '');
    signedIn(null);
    if (change) slot.querySelector('button')?.focus();
  }

  function draw() {
    const account = store.account.value;
    const providers = store.config.value?.providers ?? [];
    if (account) {
      const link = (text: string, change: boolean) => el('button', { type: 'button', onclick: () => end(change) }, text);
      return slot.replaceChildren(
        el(
          'div',
          { className: 'parley-account' },
          el('img', { src: account.avatar, alt: '', width: 40, height: 40 }),
          el(
            'p',
            {},
            el('strong', {}, account.name),
            el('br'),
            fmt(t.using, { provider: account.providerName }),
            ' ( ',
            link(t.logOut, false),
            ' / ',
            link(t.change, true),
            ' )',
          ),
        ),
      );
    }
    const buttons = providers.map((provider) => {
      const [letter, colour] = mark(provider);
      const label = fmt(t.logIn, { provider: provider.name });
      const button = el(
        'button',
        { type: 'button', className: 'parley-provider', title: label, disabled: !!connecting, onclick: () => begin(provider) },
        letter,
      );
      button.setAttribute('aria-label', label);
      button.style.background = colour;
      return el('li', {}, button);
    });
    const status = el(
      'p',
      { className: 'parley-muted' },
      connecting ? fmt(t.connecting, { provider: connecting.name }) : sentTo ? fmt(t.emailSent, { email: sentTo }) : '',
    );
    status.setAttribute('role', 'status');
    const alert = el('p', { className: 'parley-error' }, problem);
    alert.setAttribute('role', 'alert');
    slot.replaceChildren(el('ul', { className: 'parley-providers' }, ...buttons), ...(asking ? [emailField()] : []), status, alert);
  }

  /** The address field of sign-in by email (inside the comment form, so no form of its own: Enter sends). */
  function emailField(): HTMLElement {
    const input = document.createElement('input');
    input.type = 'email';
    input.setAttribute('autocomplete', 'email');
    input.id = 'parley-signin-email';
    input.required = true;
    input.value = read<Guest>('guest', { name: '', email: '', url: '' }).email;
    input.onkeydown = (event) => {
      if (event.key != 'Enter') return;
      event.preventDefault();
      sendLink(input);
    };
    const label = el('label', {}, t.email);
    label.htmlFor = input.id;
    const send = document.createElement('button');
    send.textContent = t.logInEmail;
    send.type = 'button';
    send.onclick = () => sendLink(input);
    const field = document.createElement('p');
    field.className = 'parley-email-signin';
    field.append(label, input, send);
    return field;
  }

  /** Back from a full-page sign-in (`#parley-auth=GRANT`), or already holding a token: who is this? */
  async function restore() {
    const grant = /^#parley-auth=([\w-]+)$/.exec(location.hash)?.[1];
    if (grant) {
      history.replaceState(null, '', location.pathname + location.search);
      const { token, account } = await exchangeGrant(base, grant, read('handoff', '')).catch((error) => {
        problem = t.signInExpired;
        throw error;
      });
      write('handoff', '');
      write('session', token);
      signedIn(account);
      slot.scrollIntoView({ block: 'center' });
    } else if (read('session', '')) {
      signedIn((await getMe(base)).account);
    }
  }

  const dropped = () => (store.account.value = null);
  addEventListener('parley:session', dropped);
  // Signed in in another tab (the link of a sign-in mail opens one): this tab follows.
  const elsewhere = (event: StorageEvent) => event.key == 'parley:session' && !store.account.value && restore().catch(draw);
  addEventListener('storage', elsewhere);
  const unsubscribe = store.account.subscribe(draw);
  restore().catch((error) => {
    // An expired or revoked token: quietly back to the guest form.
    console.warn('[parley] not signed in', error);
    draw();
  });
  return () => {
    unsubscribe();
    removeEventListener('parley:session', dropped);
    removeEventListener('storage', elsewhere);
  };
}
