import type { Config } from '../config.ts';

/**
 * The Content-Security-Policy of a standalone thread document: no script at all, its stylesheet and
 * avatars from this server, framed only by the blogs (SITE_ORIGINS; any page when it is empty), and
 * its form posting here and coming back to them.
 */
export function standalonePolicy(config: Pick<Config, 'siteOrigins'>): string {
  const blogs = config.siteOrigins.length ? config.siteOrigins.join(' ') : '*';
  const back = config.siteOrigins.length ? blogs : 'http: https:';
  return `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' ${back}; frame-ancestors ${blogs}; base-uri 'none'`;
}
