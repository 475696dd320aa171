import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/server.ts';
import { writeWxr } from '../helpers/wxr-generator.ts';

const dir = tempDir('parley-cli-');
afterAll(() => dir.cleanup());
const env = (name: string) => ({ DATABASE_PATH: join(dir.path, `${name}.db`) });

describe('npm run import / export', () => {
  test('imports a WordPress export (rendering on a second thread for a large file), then adds nothing on a second run', async () => {
    const file = join(dir.path, 'blog.xml');
    const figures = writeWxr(file, { posts: 50, comments: 5000 });
    expect(figures.bytes).toBeGreaterThan(4 * 1024 * 1024);
    const first = await runCli('import', ['wordpress', file, '--stats'], env('a'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `comments: 5,000 in the file; 5,000 imported (approved ${figures.byStatus.approved.toLocaleString('en')}, pending ${figures.byStatus.pending}`,
    );
    expect(first.stdout).toMatch(/^stats: \{"seconds":[\d.]+,"cpuSeconds":[\d.]+,"maxRssMb":[\d.]+\}$/m);
    expect(first.stderr).toBe(''); // no progress bar when standard error is not a terminal
    const second = await runCli('import', ['wordpress', file], env('a'));
    expect(second.stdout).toContain('0 imported');
    expect(second.stdout).toContain('5,000 already imported');
    const db = new Database(env('a').DATABASE_PATH, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM comments').get()).toEqual({ n: 5000 });
    expect(db.prepare('SELECT sum(approved_count) AS n FROM threads').get()).toEqual({ n: figures.byStatus.approved });
    db.close();
  });

  test('a malformed file is refused with its line, column and reason, and exits 1', async () => {
    const file = join(dir.path, 'bad.xml');
    writeFileSync(file, '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n<item><title>x</title>\n<wp:comment></item></channel></rss>');
    const result = await runCli('import', ['wordpress', file], env('bad'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('[parley] import refused: line 3, column 19: unexpected close tag. Nothing was imported.');
    expect(result.stdout).toBe('');
  });

  test('a wrong command line prints the usage and exits 2', async () => {
    const result = await runCli('import', ['blogger', 'x.xml'], env('usage'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run import -- <wordpress|disqus|json> FILE');
    const site = await runCli('import', ['json', join(dir.path, 'blog.xml'), '--site', 'no spaces'], env('usage'));
    expect(site.stderr).toContain('--site must be letters, digits');
  });

  test('exports JSON to a file and to standard output, re-imports it, and exports WordPress WXR', async () => {
    const file = join(dir.path, 'small.xml');
    writeWxr(file, { posts: 3, comments: 30 });
    await runCli('import', ['wordpress', file], env('src'));
    const out = join(dir.path, 'export.json');
    const toFile = await runCli('export', ['json', '--out', out], env('src'));
    expect(toFile.code).toBe(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const toStdout = await runCli('export', ['json'], env('src'));
    expect(toStdout.stdout).toBe(readFileSync(out, 'utf8'));
    const again = await runCli('import', ['json', out], env('copy'));
    expect(again.stdout).toContain('30 imported');
    expect((await runCli('export', ['json'], env('copy'))).stdout).toBe(toStdout.stdout);
    const wxr = await runCli('export', ['wordpress', '--base-url', 'https://blog.example.org/'], env('src'));
    expect(wxr.stdout).toContain('<link>https://blog.example.org/2015/post-1/</link>');
    expect(wxr.stdout.match(/<wp:comment>/g)).toHaveLength(30);
  });
});
