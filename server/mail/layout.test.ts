import { describe, expect, test } from 'vitest';
import { headerText, quotedTitle } from './layout.ts';
import { pageHref } from '../comments/page-key.ts';
import { pageOrigin } from './page-origin.ts';
import { retryDelay, MAX_RETRY_DELAY_MS } from './sender.ts';

describe('what reaches a header', () => {
  test('line breaks, control characters and Unicode separators become spaces', () => {
    expect(headerText('Hi\r\nBcc: x@evil.example')).toBe('Hi Bcc: x@evil.example');
    expect(headerText('a\u2028b\u2029c\u0085d\u0000e\tf')).toBe('a b c d e f');
    expect(headerText('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(quotedTitle('', '/post/')).toBe('“/post/”');
  });
});

describe('links to a comment on the blog', () => {
  test('a path on the blog, with the comment anchor; never another origin', () => {
    expect(pageHref('https://blog.example', '/2019/07/a post/', 12)).toBe('https://blog.example/2019/07/a%20post/#comment-12');
    expect(pageHref('https://blog.example', 'relative')).toBeNull();
    expect(pageHref('https://blog.example', 'https://evil.example/x', 1)).toBeNull();
    expect(pageHref('https://blog.example', '//evil.example/x')).toBeNull();
  });

  test('the blog origin: the posting page when SITE_ORIGINS allows it, else its first entry; with it empty, only this server or loopback', () => {
    const sites = ['https://a.example', 'https://b.example'];
    const own = 'https://comments.example';
    expect(pageOrigin(sites, 'https://b.example', own)).toBe('https://b.example');
    expect(pageOrigin(sites, 'https://evil.example', own)).toBe('https://a.example');
    expect(pageOrigin(sites, undefined, own)).toBe('https://a.example');
    expect(pageOrigin([], 'http://localhost:4000', own)).toBe('http://localhost:4000');
    expect(pageOrigin([], own, own)).toBe(own);
    expect(pageOrigin([], 'https://evil.example', own)).toBe('');
    expect(pageOrigin([], 'null', own)).toBe('');
    expect(pageOrigin([], 'javascript:alert(1)', own)).toBe('');
  });
});

describe('back-off', () => {
  test('doubles from the base up to six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(30, 60_000)).toBe(MAX_RETRY_DELAY_MS);
  });
});
