import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './markdown.ts';
import { LINK_REL } from './sanitize.ts';

const link = (href: string, text: string) => `<a href="${href}" rel="${LINK_REL}">${text}</a>`;

describe('renderMarkdown formats comments', () => {
  test('emphasis, strong emphasis and strikethrough', () => {
    expect(renderMarkdown('*a* _b_ **c** ~~d~~')).toBe('<p><em>a</em> <em>b</em> <strong>c</strong> <s>d</s></p>');
  });

  test('a link gets rel and keeps its title', () => {
    expect(renderMarkdown('[docs](https://example.com/docs)')).toBe(`<p>${link('https://example.com/docs', 'docs')}</p>`);
    expect(renderMarkdown('[x](https://e.com "T")')).toBe(`<p><a href="https://e.com" title="T" rel="${LINK_REL}">x</a></p>`);
  });

  test('lists, numbered from where the writer started', () => {
    expect(renderMarkdown('- a\n- b')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    expect(renderMarkdown('3. a\n4. b')).toBe('<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>');
  });

  test('quotes', () => {
    expect(renderMarkdown('> quoted')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>');
  });

  test('inline code and code blocks, without a language class', () => {
    expect(renderMarkdown('use `x<y`')).toBe('<p>use <code>x&lt;y</code></p>');
    expect(renderMarkdown('```js\nif (a < b) {}\n```')).toBe('<pre><code>if (a &lt; b) {}\n</code></pre>');
  });

  test('a single line break is kept, a blank line starts a paragraph', () => {
    expect(renderMarkdown('a\nb')).toBe('<p>a<br />\nb</p>');
    expect(renderMarkdown('a\n\nb')).toBe('<p>a</p>\n<p>b</p>');
  });

  test('bare URLs and e-mail addresses are linked', () => {
    expect(renderMarkdown('see https://example.com.')).toBe(`<p>see ${link('https://example.com', 'https://example.com')}.</p>`);
    expect(renderMarkdown('<https://e.com>')).toBe(`<p>${link('https://e.com', 'https://e.com')}</p>`);
    expect(renderMarkdown('mail me@example.com')).toBe(`<p>mail ${link('mailto:me@example.com', 'me@example.com')}</p>`);
  });

  test('blank input gives nothing', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('  \n ')).toBe('');
  });
});

describe('renderMarkdown shows raw HTML as the text it is', () => {
  test.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<b>hi</b> & co', '<p>&lt;b&gt;hi&lt;/b&gt; &amp; co</p>'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['<div>\n<iframe src="x"></iframe>\n</div>', '<p>&lt;div&gt;<br />\n&lt;iframe src="x"&gt;&lt;/iframe&gt;<br />\n&lt;/div&gt;</p>'],
    ['<!-- note -->', '<p>&lt;!-- note --&gt;</p>'],
  ])('%j', (text, html) => {
    expect(renderMarkdown(text)).toBe(html);
  });

  test('entities typed by the writer stay text', () => {
    expect(renderMarkdown('&lt;b&gt; &#60;i&#62;')).toBe('<p>&lt;b&gt; &lt;i&gt;</p>');
  });
});

describe('renderMarkdown leaves out what a comment does not have', () => {
  test('an image is shown as a link to it, never loaded', () => {
    expect(renderMarkdown('![alt](https://e.com/x.png)')).toBe(`<p>!${link('https://e.com/x.png', 'alt')}</p>`);
  });

  test('headings stay paragraphs', () => {
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>');
    expect(renderMarkdown('Title\n===')).toBe('<p>Title<br />\n===</p>');
  });

  test.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](javascript&#x3A;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](/admin)',
    '[x](#top)',
    '<javascript:alert(1)>',
  ])('%s is not a link', (text) => {
    expect(renderMarkdown(text)).not.toContain('<a');
  });

  test('a refused link stays readable as typed', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>');
    expect(renderMarkdown('[x](/page)')).toBe('<p>[x](/page)</p>');
  });
});
