import { parseArgs } from 'node:util';
import { jsonExport } from '../migrate/json-export.ts';
import { wxrExport } from '../migrate/wxr-export.ts';
import { writeOut } from './output.ts';
import { UsageError, openContext, runCommand, siteOption } from './run.ts';

const USAGE = `usage: npm run export -- json [--out FILE]
       npm run export -- wordpress [--site ID] [--base-url URL] [--out FILE]`;

function baseUrl(value: string | undefined, fallback: string): string {
  const raw = value ?? fallback;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new UsageError(`--base-url must be the blog's http(s) address, e.g. https://blog.example.com, got "${raw}"`);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, site: { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean' } },
  });
  const [format, extra] = positionals;
  if (values.help) return console.log(USAGE);
  if ((format !== 'json' && format !== 'wordpress') || extra) throw new UsageError(USAGE);
  const context = openContext();
  try {
    const { repos, config } = context;
    const chunks =
      format === 'json'
        ? jsonExport(repos.exports)
        : wxrExport(repos.exports, {
            site: siteOption(values.site) ?? 'default',
            baseUrl: baseUrl(values['base-url'], config.siteOrigins[0] ?? (config.publicUrl || 'http://localhost')),
            now: Date.now(),
          });
    await writeOut(chunks, values.out);
    if (values.out) console.error(`[parley] exported ${format} to ${values.out}`);
  } finally {
    context.close();
  }
}

runCommand('export', main);
