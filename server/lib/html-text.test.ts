import { expect, test } from 'vitest';
import { htmlText } from './html-text.ts';
import { renderMarkdown } from '../content/markdown.ts';

test('the text of stored HTML: tags gone, entities decoded, paragraphs apart', () => {
  expect(htmlText('<p>Fish &amp; chips &lt;3</p><p>Say &quot;hi&quot; &#39;there&#39; &#x1F600;</p>')).toBe('Fish & chips <3 Say "hi" \'there\' 😀');
  expect(htmlText('<p>A <a href="https://x.example/?a=1&amp;b=2" rel="nofollow ugc noopener">link</a><br />and <em>more</em></p>')).toBe('A link and more');
});

test('what the Markdown renderer stores reads back as its text', () => {
  expect(htmlText(renderMarkdown('**Bold** <script>alert(1)</script> & `code`'))).toBe('Bold <script>alert(1)</script> & code');
});
