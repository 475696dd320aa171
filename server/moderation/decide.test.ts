import { describe, expect, test } from 'vitest';
import { closedByAge, closingTime, decide, type Candidate } from './decide.ts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../db/settings.ts';

const comment = (fields: Partial<Candidate> = {}): Candidate => ({
  text: 'Nice post',
  name: 'Ada',
  email: 'ada@example.com',
  url: '',
  ip: '10.0.0.1',
  html: '<p>Nice post</p>',
  knownAuthor: false,
  ...fields,
});
const rules = (fields: Partial<SiteSettings> = {}): SiteSettings => ({ ...DEFAULT_SETTINGS, ...fields });
const links = (n: number) => Array.from({ length: n }, (_, i) => `<a href="http://x${i}.example">x</a>`).join(' ');

describe('decide', () => {
  test('publishes by default', () => {
    expect(decide(rules(), comment())).toEqual({ status: 'approved', reason: '' });
  });

  test('the first matching rule gives the reason, in WordPress order: blocklist, moderation words, links, hold all, first-time', () => {
    const everything = rules({ moderation: 'all', blocklistWords: ['nice'], moderationWords: ['post'], holdLinks: 1 });
    expect(decide(everything, comment({ html: links(1) }))).toEqual({ status: 'spam', reason: 'blocklist entry "nice" in the text' });
    expect(decide({ ...everything, blocklistWords: [] }, comment({ html: links(1) }))).toEqual({
      status: 'pending',
      reason: 'moderation word "post" in the text',
    });
    expect(decide({ ...everything, blocklistWords: [], moderationWords: [] }, comment({ html: links(1) }))).toEqual({
      status: 'pending',
      reason: '1 links (held at 1 or more)',
    });
    expect(decide(rules({ moderation: 'first-time' }), comment())).toEqual({ status: 'pending', reason: 'first comment by this author' });
    expect(decide(rules({ moderation: 'all' }), comment({ knownAuthor: true }))).toEqual({ status: 'pending', reason: 'every comment is held for moderation' });
  });

  test('first-time holds only unknown authors', () => {
    expect(decide(rules({ moderation: 'first-time' }), comment({ knownAuthor: true })).status).toBe('approved');
    expect(decide(rules({ moderation: 'first-time' }), comment({ knownAuthor: false })).status).toBe('pending');
  });

  test('links are counted in the rendered HTML; holdLinks 0 turns the rule off', () => {
    expect(decide(rules({ holdLinks: 3 }), comment({ html: links(2) })).status).toBe('approved');
    expect(decide(rules({ holdLinks: 3 }), comment({ html: links(3) })).status).toBe('pending');
    expect(decide(rules({ holdLinks: 0 }), comment({ html: links(50) })).status).toBe('approved');
  });
});

describe('closing by age', () => {
  const DAY = 86_400_000;
  test('counts from the publication date when known, else from the first comment; 0 days never closes', () => {
    const thread = { createdAt: 100 * DAY, publishedAt: null };
    expect(closingTime(rules({ closeAfterDays: 10 }), thread)).toBe(110 * DAY);
    expect(closingTime(rules({ closeAfterDays: 10 }), { ...thread, publishedAt: 95 * DAY })).toBe(105 * DAY);
    // A poster's date never closes a thread sooner than a day after it began.
    expect(closingTime(rules({ closeAfterDays: 10 }), { ...thread, publishedAt: 50 * DAY })).toBe(101 * DAY);
    expect(closingTime(rules(), thread)).toBeNull();
    expect(closingTime(rules({ closeAfterDays: 10 }), undefined)).toBeNull();
    expect(closedByAge(rules({ closeAfterDays: 10 }), thread, 110 * DAY - 1)).toBe(false);
    expect(closedByAge(rules({ closeAfterDays: 10 }), thread, 110 * DAY)).toBe(true);
  });
});
