// `node --import ./tests/helpers/loaded-modules.mjs …` with PARLEY_MODULE_LIST=FILE: appends the URL of every
// module the process loads (ES modules through a loader hook, CommonJS through require) to FILE.
import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const file = process.env.PARLEY_MODULE_LIST;
if (file) {
  register(
    'data:text/javascript,' +
      encodeURIComponent(`import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  const result = await next(url, context);
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(file)}, url + '\\n');
  return result;
}`),
  );
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (...args) {
    const path = resolve.apply(this, args);
    if (path.startsWith('/')) appendFileSync(file, pathToFileURL(path).href + '\n');
    return path;
  };
}

// SIGUSR2: one line `heap {process.memoryUsage()}` on the same file, for bench/server.ts to read the heap in use.
if (file) process.on('SIGUSR2', () => appendFileSync(file, `heap ${JSON.stringify(process.memoryUsage())}\n`));
