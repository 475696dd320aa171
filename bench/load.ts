/**
 * One load run against a URL: wrk (a small C load generator, Debian's `wrk`)
 * when it is installed, else autocannon (Node). wrk leaves more of the two
 * shared cores to the server, so its figures are the ones the bars mean.
 */
import autocannon from 'autocannon';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface LoadResult {
  tool: 'wrk' | 'autocannon' | 'kept-alive';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

export interface Load {
  url: string;
  seconds: number;
  connections: number;
  /** For POST: a JSON body in which `{{n}}` becomes a number unique to the request. */
  postJson?: string;
}

export function runLoad(load: Load): Promise<LoadResult> {
  return hasWrk ? runWrk(load) : runAutocannon(load);
}

/** wrk runs beside this process's event loop (not spawnSync): a proxy in this process must go on answering meanwhile. */
async function runWrk(load: Load): Promise<LoadResult> {
  const args = ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--latency'];
  if (load.postJson) {
    const [before, after] = load.postJson.split('{{n}}');
    const script = join(tmpdir(), `parley-post-${process.pid}.lua`);
    writeFileSync(
      script,
      `local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, ${JSON.stringify(before)} .. n .. "-" .. math.random(1, 1e9) .. ${JSON.stringify(after ?? '')})
end
`,
    );
    args.push('-s', script);
  }
  const { stdout: out } = await promisify(execFile)('wrk', [...args, load.url], { encoding: 'utf8' });
  const ms = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0);
  return {
    tool: 'wrk',
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms('50%'),
    p99: ms('99%'),
    errors: non2xx + socketErrors,
  };
}

async function runAutocannon(load: Load): Promise<LoadResult> {
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    ...(load.postJson
      ? { method: 'POST' as const, headers: { 'content-type': 'application/json' }, idReplacement: true, body: load.postJson.replace('{{n}}', '[<id>]') }
      : {}),
  });
  return {
    tool: 'autocannon',
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}
