/**
 * Import benchmark (SPEC §10): a generated WordPress export with 100,000
 * comments over 2,000 posts (a 12-level reply chain in every post, every
 * status, some pingbacks) imported by the real command, `npm run import`, in a
 * child process (`npm run import -- wordpress FILE --stats`); then the same file again (nothing new: the idempotent run).
 * Prints wall time and the command's peak memory (its own maxRSS, main and
 * render threads together). Bars: ≤ 20 s and ≤ 200 MB; second run ≤ 5 s.
 *
 *   npx tsx bench/import.ts [--comments N] [--posts N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWxr } from '../tests/helpers/wxr-generator.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { comments: { type: 'string', default: '100000' }, posts: { type: 'string', default: '2000' } } });

interface Run {
  wallSeconds: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  summary: string;
}

function importOnce(file: string, databasePath: string): Promise<Run> {
  const started = performance.now();
  // Exactly what a person runs (package.json gives the command its heap limit).
  const child = spawn('npm', ['run', '--silent', 'import', '--', 'wordpress', file, '--stats'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const stats = /^stats: (.*)$/m.exec(stdout);
      if (code !== 0 || !stats) return reject(new Error(`import exited with ${code}:\n${stdout}`));
      const { seconds, cpuSeconds, maxRssMb } = JSON.parse(stats[1]!) as { seconds: number; cpuSeconds: number; maxRssMb: number };
      resolve({ wallSeconds: (performance.now() - started) / 1000, seconds, cpuSeconds, maxRssMb, summary: stdout.replace(stats[0], '').trim() });
    });
  });
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-import-'));
try {
  const file = join(dir, 'export.xml');
  const figures = writeWxr(file, { posts: Number(values.posts), comments: Number(values.comments) });
  console.log(`generated ${file}: ${figures.comments.toLocaleString('en')} comments over ${values.posts} posts, ${(figures.bytes / 1048576).toFixed(1)} MB`);
  const database = join(dir, 'parley.db');
  const first = await importOnce(file, database);
  console.log(`\n${first.summary}\n`);
  console.log(`load average before the second run: ${load()} (on ${availableParallelism()} cores; wall times stretch when others share them)`);
  const second = await importOnce(file, database);
  // The same comments plus one new post: the fingerprint differs, so the file is read again in full.
  const changed = join(dir, 'changed.xml');
  writeFileSync(
    changed,
    readFileSync(file, 'utf8').replace(
      '</channel>',
      `\t<item><title>One more</title><link>https://blog.example.org/more/</link>
\t\t<wp:post_id>999999</wp:post_id><wp:comment><wp:comment_id>999999</wp:comment_id><wp:comment_content>New</wp:comment_content>
\t\t<wp:comment_approved>1</wp:comment_approved></wp:comment></item>\n</channel>`,
    ),
  );
  const third = await importOnce(changed, database);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER THE BAR');
  console.log(
    `first run:  ${first.wallSeconds.toFixed(1)} s wall (${first.seconds.toFixed(1)} s importing, ${first.cpuSeconds.toFixed(1)} s of CPU on all threads), peak memory ${first.maxRssMb.toFixed(0)} MB` +
      `  [≤ 20 s: ${verdict(first.wallSeconds <= 20)}; ≤ 200 MB: ${verdict(first.maxRssMb <= 200)}]`,
  );
  console.log(
    `second run: ${second.wallSeconds.toFixed(1)} s wall (${second.seconds.toFixed(1)} s importing, ${second.cpuSeconds.toFixed(1)} s of CPU), peak memory ${second.maxRssMb.toFixed(0)} MB` +
      `  [≤ 5 s: ${verdict(second.wallSeconds <= 5)}]  (same file: recognised by its fingerprint)`,
  );
  console.log(
    `changed file: ${third.wallSeconds.toFixed(1)} s wall (${third.seconds.toFixed(1)} s importing, ${third.cpuSeconds.toFixed(1)} s of CPU), peak memory ${third.maxRssMb.toFixed(0)} MB` +
      `  (one post added: every comment read and looked up again, 1 imported)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
