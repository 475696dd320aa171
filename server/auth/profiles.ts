/**
 * Each provider's profile document → a Profile, validated at the boundary:
 * ids are required, names are trimmed to 100 characters (falling back to the
 * user name), links and avatars are kept only when they are http(s).
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Profile } from './provider.ts';
import { toPlainLabel } from '../lib/unicode-text.ts';

const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() ?? '');

/** An http(s) URL of at most 500 characters, or ''. */
export function webUrl(value: string): string {
  if (!value || value.length > 500) return '';
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}

/**
 * An avatar Parley's server may fetch: https, or any URL on one of the
 * provider's own configured origins (a self-hosted issuer on plain http).
 */
export function avatarUrl(value: string, trustedOrigins: readonly string[]): string {
  const url = webUrl(value);
  if (!url) return '';
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || trustedOrigins.includes(parsed.origin) ? url : '';
}

export function profile(
  fields: { id: string; name: string; fallbackName: string; email?: string; url?: string; avatar?: string },
  trusted: readonly string[],
): Profile {
  const name =
    toPlainLabel(fields.name || fields.fallbackName)
      .trim()
      .slice(0, 100) || 'Anonymous';
  const email = z
    .email()
    .max(254)
    .safeParse(fields.email?.trim().toLowerCase() ?? '');
  return {
    providerUserId: fields.id,
    name,
    email: email.success ? email.data : '',
    url: webUrl(fields.url ?? ''),
    avatarUrl: avatarUrl(fields.avatar ?? '', trusted),
  };
}

/** Parses a provider's answer with a schema, or refuses with a 502 naming the provider. */
export function read<S extends z.ZodType>(schema: S, value: unknown, providerName: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(502, 'provider_error', `${providerName} sent a profile Parley could not read (${result.error.issues[0]?.path.join('.') || 'body'}).`);
  }
  return result.data;
}

type ProfileReader = (json: unknown, trusted: readonly string[], providerName: string) => Profile;

const github = z.object({ id, login: z.string().min(1), name: text, email: text, html_url: text, avatar_url: text });
const facebook = z.object({ id, name: text, link: text, picture: z.object({ data: z.object({ url: text }) }).optional() });
const twitter = z.object({ data: z.object({ id, name: text, username: z.string().min(1), profile_image_url: text }) });
const wordpress = z.object({ ID: id, display_name: text, username: z.string().min(1), avatar_URL: text, profile_URL: text });

/** Profile readers of the providers with fixed endpoints. */
export const PROFILE_READERS: Record<'github' | 'facebook' | 'twitter' | 'wordpress', ProfileReader> = {
  github(json, trusted, providerName) {
    const p = read(github, json, providerName);
    return profile({ id: p.id, name: p.name, fallbackName: p.login, email: p.email, url: p.html_url, avatar: p.avatar_url }, trusted);
  },
  facebook(json, trusted, providerName) {
    const p = read(facebook, json, providerName);
    return profile({ id: p.id, name: p.name, fallbackName: 'Facebook user', url: p.link, avatar: p.picture?.data.url }, trusted);
  },
  twitter(json, trusted, providerName) {
    const { data: p } = read(twitter, json, providerName);
    return profile(
      { id: p.id, name: p.name, fallbackName: p.username, url: `https://x.com/${encodeURIComponent(p.username)}`, avatar: p.profile_image_url },
      trusted,
    );
  },
  wordpress(json, trusted, providerName) {
    const p = read(wordpress, json, providerName);
    return profile({ id: p.ID, name: p.display_name, fallbackName: p.username, url: p.profile_URL, avatar: p.avatar_URL }, trusted);
  },
};

const mastodon = z.object({ id, username: z.string().min(1), display_name: text, url: text, avatar: text });

/** Mastodon's `verify_credentials`; the id is made unique across instances. */
export function mastodonProfile(json: unknown, instance: string, providerName: string): Profile {
  const p = read(mastodon, json, providerName);
  const host = new URL(instance).host;
  return profile({ id: `${p.id}@${host}`, name: p.display_name, fallbackName: `@${p.username}@${host}`, url: p.url, avatar: p.avatar }, [instance]);
}

const oidcClaims = z.object({
  sub: z.string().min(1).max(255),
  name: text,
  preferred_username: text,
  email: text,
  picture: text,
  website: text,
  profile: text,
});

/** OpenID Connect claims (ID token merged with userinfo). */
export function oidcProfile(claims: unknown, trusted: readonly string[], providerName: string): Profile {
  const c = read(oidcClaims, claims, providerName);
  return profile({ id: c.sub, name: c.name, fallbackName: c.preferred_username, email: c.email, url: c.website || c.profile, avatar: c.picture }, trusted);
}
