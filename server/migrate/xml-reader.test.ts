import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportFileError, readXml, type XmlReadOptions } from './xml-reader.ts';
import { tempDir } from '../../tests/helpers/server.ts';

const dir = tempDir('parley-xml-');
afterAll(() => dir.cleanup());
let n = 0;
const read = (xml: string, options: Partial<XmlReadOptions> = {}) => {
  const path = join(dir.path, `x${n++}.xml`);
  writeFileSync(path, xml);
  return [
    ...readXml(path, {
      root: 'root',
      prefix: (uri) => (uri === 'urn:wp' ? 'wp' : undefined),
      capture: (names) => names.length === 2,
      ...options,
    }),
  ];
};
const failure = (xml: string) => {
  try {
    read(xml);
  } catch (error) {
    return error as ImportFileError;
  }
  throw new Error('no error');
};

describe('readXml', () => {
  test('yields each captured element with its text (CDATA and entities included) and children', () => {
    const [a, b] = read('<root><a x="1">one &amp; <![CDATA[<two>]]></a><b><c>three</c></b></root>');
    expect(a).toMatchObject({ name: 'a', attrs: { x: '1' }, text: 'one & <two>' });
    expect(b!.children).toMatchObject([{ name: 'c', text: 'three' }]);
  });

  test('names elements by namespace, whatever the prefix, and not by a prefix bound elsewhere', () => {
    const nodes = read(`<root xmlns:x="urn:wp" xmlns:wp="urn:other"><x:comment/><wp:comment/><item xmlns="urn:wp"/></root>`);
    expect(nodes.map((node) => node.name)).toEqual(['wp:comment', '{urn:other}comment', 'wp:item']);
  });

  test('streams elements that sit inside a captured one, giving their parent', () => {
    const nodes = read('<root><item><title>t</title><c>1</c><c>2</c></item></root>', { stream: (names) => names.at(-1) === 'c' });
    expect(nodes.map((node) => [node.name, node.parent?.name])).toEqual([
      ['c', 'item'],
      ['c', 'item'],
      ['item', undefined],
    ]);
    expect(nodes[2]!.children.map((child) => child.name)).toEqual(['title']);
  });

  test.each([
    ['<root><a></b></root>', 1, 13, 'unexpected close tag'],
    ['<root>\n<a>x]]>y</a></root>', 2, 7, 'the string "]]>" is disallowed in char data'],
    ['<root>\n  <a b=1/></root>', 2, 8, 'unquoted attribute value'],
    ['<other/>', 1, 8, 'the root element is <other>, expected <root>'],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><root/>', 1, 43, 'the file is in ISO-8859-1; only UTF-8 files can be imported'],
    ['<root><p:a/></root>', 1, 12, 'the namespace prefix of <p:a> is not declared'],
    ['<root><a>', 1, 9, 'unclosed tag: a'],
    ['', 1, 1, 'document must contain a root element'],
  ])('%j is refused at line %i, column %i: %s', (xml, line, column, reason) => {
    expect(failure(xml)).toMatchObject({ line, column, reason });
  });
});
