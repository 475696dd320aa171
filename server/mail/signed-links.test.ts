import { describe, expect, test } from 'vitest';
import { readLink, signLink, LINK_LIFETIME_MS } from './signed-links.ts';

const SECRET = 'a-secret-of-at-least-32-characters!!';
const NOW = Date.parse('2026-11-21T12:00:00Z');

describe('signed links', () => {
  test('a link reads back its claims until it expires', () => {
    const token = signLink(SECRET, { action: 'approve', id: 42, moderator: 7 }, NOW);
    expect(readLink(SECRET, token, ['approve', 'spam'], NOW)).toEqual({
      ok: true,
      claims: { action: 'approve', id: 42, moderator: 7, expiresAt: NOW + LINK_LIFETIME_MS.approve },
    });
    expect(readLink(SECRET, token, ['approve'], NOW + LINK_LIFETIME_MS.approve - 1).ok).toBe(true);
    expect(readLink(SECRET, token, ['approve'], NOW + LINK_LIFETIME_MS.approve)).toEqual({ ok: false, reason: 'expired' });
  });

  test('another action, a changed claim, another secret or garbage is invalid', () => {
    const token = signLink(SECRET, { action: 'unsubscribe', id: 3, moderator: 0 }, NOW);
    expect(readLink(SECRET, token, ['confirm'], NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(readLink(SECRET, token.replace('unsubscribe.3.', 'unsubscribe.4.'), ['unsubscribe'], NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(readLink(`${SECRET}x`, token, ['unsubscribe'], NOW)).toEqual({ ok: false, reason: 'invalid' });
    const far = token.replace(/\.(\d+)\.([^.]+)$/, (_, exp, sig) => `.${Number(exp) + 1000}.${sig}`);
    expect(readLink(SECRET, far, ['unsubscribe'], NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', 'x', `${token}.`, token.toUpperCase(), 'approve.1.1.1.' + 'A'.repeat(43)]) {
      expect(readLink(SECRET, junk, ['unsubscribe', 'approve'], NOW).ok).toBe(false);
    }
  });
});
