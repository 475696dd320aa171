import { describe, expect, test } from 'vitest';
import { errorPage, instancePage, sessionPage } from './pages.ts';

describe('sign-in pages', () => {
  test('the session page posts to exactly one origin, with a script only the CSP nonce allows', () => {
    const page = sessionPage('tok_123', 'https://blog.example', 'GitHub');
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers['Content-Security-Policy']!)![1];
    expect(page.html).toContain(`<script nonce="${nonce}">`);
    expect(page.html).toContain('window.opener.postMessage(m,o)');
    expect(page.html).toContain('var m={"type":"parley:session","token":"tok_123"},o="https://blog.example"');
    expect(page.headers['Cache-Control']).toBe('no-store');
  });

  test('values cannot break out of the script or the markup', () => {
    const page = errorPage(
      { code: 'x', message: '</script><img src=x onerror=alert(1)>' },
      { origin: 'https://blog.example', page: 'https://blog.example/"><b>' },
    );
    expect(page.html).not.toContain('<img');
    expect(page.html).not.toContain('"><b>');
    expect(page.html.match(/<\/script>/g)).toHaveLength(1);
  });

  test('the Mastodon form keeps the start parameters and labels its field', () => {
    const page = instancePage('/auth/mastodon/start', { origin: 'https://blog.example', page: 'https://blog.example/a?b=1&c=2' }, 'Nope <b>');
    expect(page.html).toContain('<input type="hidden" name="page" value="https://blog.example/a?b=1&amp;c=2">');
    expect(page.html).toContain('<label for="instance">');
    expect(page.html).toContain('Nope &lt;b&gt;');
  });
});
