/**
 * WEBHOOK_URLS, WEBHOOK_SECRET and WEBHOOK_ALLOW_PRIVATE → the targets events are delivered to.
 *
 * WEBHOOK_URLS is a comma-separated list. Each URL's format is recognised from it (Slack's
 * hooks.slack.com, Discord's /api/webhooks/, a Matrix room's /_matrix/client/…/send/m.room.message)
 * or named in its fragment, `#format=json|slack|discord|matrix` (a fragment is never sent).
 * A target is https, or http on a loopback address; a private-network address only with
 * WEBHOOK_ALLOW_PRIVATE=true. Names are resolved and checked again at each delivery (delivery.ts).
 */
import { isIP } from 'node:net';
import { ConfigError } from '../config.ts';
import type { WebhookFormat } from '../db/types.ts';
import { isLoopbackHost, refusedAddress } from './target-address.ts';

export interface WebhookTarget {
  /** The URL without its fragment, as it is requested. */
  readonly url: string;
  readonly format: WebhookFormat;
}

export interface WebhookConfig {
  readonly targets: readonly WebhookTarget[];
  /** Key of X-Parley-Signature (HMAC-SHA256 of the body); '' when only chat services are targets. */
  readonly secret: string;
  readonly allowPrivate: boolean;
  /** WEBHOOK_MODERATOR: the moderator whose signed Approve / Spam links chat messages carry; '' for none. */
  readonly moderator: string;
}

const FORMATS: readonly WebhookFormat[] = ['json', 'slack', 'discord', 'matrix'];

/** The format a URL names in its fragment, or the one its address shows. */
export function formatOf(url: URL): WebhookFormat | null {
  const named = /^#format=([a-z]+)$/.exec(url.hash)?.[1];
  if (named !== undefined) return FORMATS.includes(named as WebhookFormat) ? (named as WebhookFormat) : null;
  if (url.hash) return null;
  if (url.hostname === 'hooks.slack.com') return 'slack';
  if (/^(?:www\.|canary\.|ptb\.)?discord(?:app)?\.com$/.test(url.hostname) && url.pathname.startsWith('/api/webhooks/')) return 'discord';
  if (/\/_matrix\/client\/[^/]+\/rooms\/[^/]+\/send\/m\.room\.message$/.test(url.pathname)) return 'matrix';
  return 'json';
}

function target(entry: string, allowPrivate: boolean): WebhookTarget {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigError('WEBHOOK_URLS', `must list absolute URLs separated by commas, got "${entry}"`);
  }
  const format = formatOf(url);
  if (format === null) throw new ConfigError('WEBHOOK_URLS', `names an unknown format in "${entry}": use #format=json, slack, discord or matrix`);
  if (url.username || url.password) throw new ConfigError('WEBHOOK_URLS', `must not carry a user name or password in the URL, got "${url.origin}"`);
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError('WEBHOOK_URLS', `must list https URLs (http only on a loopback address), got "${url.origin}"`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refused = isIP(host) && !loopback ? refusedAddress(host, allowPrivate) : null;
  if (refused) throw new ConfigError('WEBHOOK_URLS', `${refused} (${url.origin})`);
  url.hash = '';
  return { url: url.href, format };
}

export function loadWebhookConfig(env: Record<string, string | undefined>): WebhookConfig | null {
  const list = (env.WEBHOOK_URLS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const secret = env.WEBHOOK_SECRET?.trim() ?? '';
  const allowRaw = env.WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase() ?? '';
  if (!['', 'true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(allowRaw)) {
    throw new ConfigError('WEBHOOK_ALLOW_PRIVATE', `must be true or false, got "${env.WEBHOOK_ALLOW_PRIVATE}"`);
  }
  const allowPrivate = ['true', '1', 'yes', 'on'].includes(allowRaw);
  if (secret && secret.length < 16) throw new ConfigError('WEBHOOK_SECRET', 'must be at least 16 characters long');
  const moderator = env.WEBHOOK_MODERATOR?.trim().toLowerCase() ?? '';
  if (moderator && !/^[^\s@]+@[^\s@]+$/.test(moderator)) throw new ConfigError('WEBHOOK_MODERATOR', `must be a moderator's email address, got "${moderator}"`);
  if (!list.length) return null;
  if (list.length > 20) throw new ConfigError('WEBHOOK_URLS', `may list at most 20 URLs, got ${list.length}`);
  const targets = list.map((entry) => target(entry, allowPrivate));
  if (!secret && targets.some((t) => t.format === 'json')) {
    throw new ConfigError('WEBHOOK_SECRET', 'must be set (16 characters or more) when WEBHOOK_URLS lists a JSON receiver: it signs every delivery');
  }
  return Object.freeze({ targets: Object.freeze(targets), secret, allowPrivate, moderator });
}
