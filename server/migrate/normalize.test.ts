import { describe, expect, test } from 'vitest';
import { anyDate, email, numericId, pageFromLink, plainText, website, wordpressDate } from './normalize.ts';

describe('pageFromLink', () => {
  test.each([
    ['https://blog.example/2019/07/a-post/', '/2019/07/a-post/'],
    ['https://blog.example/2019/07/a-post/?utm_source=x#comments', '/2019/07/a-post/'],
    ['http://example.tld/?p=4', '/?p=4'],
    ['http://example.tld/?page_id=2&foo=bar', '/?page_id=2'],
    ['https://blog.example/caf%C3%A9/', '/caf%C3%A9/'],
    ['https://blog.example', '/'],
    ['/relative/path/', '/relative/path/'],
  ])('%s → %s (as location.pathname would be)', (link, page) => {
    expect(pageFromLink(link)).toBe(page);
  });

  test('no link, no page', () => {
    expect(pageFromLink('  ')).toBeNull();
    expect(pageFromLink(`https://x.example/${'a'.repeat(600)}`)).toBeNull();
  });
});

describe('fields', () => {
  test('websites keep only absolute http(s) addresses', () => {
    expect(website('example.com')).toBe('http://example.com/');
    expect(website('https://x.example/a?b')).toBe('https://x.example/a?b');
    expect(website('javascript:alert(1)')).toBe('');
    expect(website('data:text/html,x')).toBe('');
  });

  test('emails are trimmed and lowercased; names and titles lose HTML and entities', () => {
    expect(email(' Ada@Example.COM \n ')).toBe('ada@example.com');
    expect(plainText('Ping 1 &laquo; What&#8217;s <b>up</b>?', 100)).toBe('Ping 1 « What’s up?');
    expect(plainText('a\u0000b\n  c', 100)).toBe('ab c');
  });

  test('WordPress dates are GMT; the zero date is no date', () => {
    expect(wordpressDate('2014-01-14 17:32:12')).toBe(Date.parse('2014-01-14T17:32:12Z'));
    expect(wordpressDate('0000-00-00 00:00:00')).toBeNull();
    expect(wordpressDate('yesterday')).toBeNull();
    expect(anyDate('Tue, 14 Jan 2014 17:31:03 +0000')).toBe(Date.parse('2014-01-14T17:31:03Z'));
  });

  test('a numeric source id can be kept as a Parley id', () => {
    expect(numericId('42')).toBe(42);
    expect(numericId('0')).toBeNull();
    expect(numericId('9'.repeat(20))).toBeNull();
    expect(numericId('a1')).toBeNull();
  });
});
