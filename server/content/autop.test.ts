import { describe, expect, test } from 'vitest';
import { autop } from './autop.ts';

describe('autop (WordPress auto-paragraphs)', () => {
  test('a blank line makes a paragraph, a single newline a line break', () => {
    expect(autop('first\n\nsecond\nline')).toBe('<p>first</p>\n<p>second<br />\nline</p>\n');
  });

  test('Windows line ends and runs of blank lines count as one paragraph break', () => {
    expect(autop('a\r\n\r\n\r\n\r\nb')).toBe('<p>a</p>\n<p>b</p>\n');
  });

  test('block elements are not wrapped, and text inside a quote gets its paragraph', () => {
    expect(autop('<blockquote>quoted\ntext</blockquote>\nafter')).toBe('<blockquote><p>quoted<br />\ntext</p></blockquote>\n<p>after</p>\n');
    expect(autop('<ul>\n<li>one</li>\n<li>two</li>\n</ul>')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
  });

  test('preformatted text keeps its newlines', () => {
    expect(autop('<pre>x\n\ny</pre>\n\npara')).toBe('<pre>x\n\ny</pre>\n<p>para</p>\n');
  });

  test('two <br>s in a row are a paragraph break; an empty body stays empty', () => {
    expect(autop('a<br /><br>b')).toBe('<p>a</p>\n<p>b</p>\n');
    expect(autop('  \n ')).toBe('');
  });
});
