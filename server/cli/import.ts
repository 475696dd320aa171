import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { FORMATS, importFile, type ImportFormat } from '../migrate/importer.ts';
import { formatSummary } from '../migrate/summary.ts';
import { createProgressLine, bar } from './progress.ts';
import { ImportInterrupted, UsageError, openContext, runCommand, siteOption, statsLine } from './run.ts';

const USAGE = `usage: npm run import -- <wordpress|disqus|json> FILE [--site ID] [--skip-pingbacks] [--stats]`;
/** From this size on, bodies are rendered on a worker thread while the main thread reads and writes. */
const THREADED_FROM_BYTES = 4 * 1024 * 1024;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { site: { type: 'string' }, 'skip-pingbacks': { type: 'boolean' }, stats: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const [format, file, extra] = positionals;
  if (values.help) return console.log(USAGE);
  if (!format || !(format in FORMATS) || !file || extra) throw new UsageError(USAGE);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const site = siteOption(values.site);

  const context = openContext();
  const progress = createProgressLine();
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort(new ImportInterrupted()));
  try {
    const summary = await importFile(context.repos.imports, {
      format: format as ImportFormat,
      file,
      site: site ?? 'default',
      siteOverride: site !== undefined,
      skipPingbacks: values['skip-pingbacks'] ?? false,
      maxDepth: context.config.maxDepth,
      secret: await context.secret(),
      clock: Date.now,
      signal: interrupt.signal,
      threaded: statSync(file).size >= THREADED_FROM_BYTES && availableParallelism() > 1,
      onProgress: (p) => progress.update(() => `importing ${bar(p.bytesRead / p.totalBytes)}  ${p.comments.toLocaleString('en')} comments`),
    });
    progress.done();
    console.log(formatSummary(summary, context.config.maxDepth));
    if (values.stats) console.log(statsLine(summary.seconds));
  } finally {
    progress.done();
    context.close();
  }
}

runCommand('import', main);
