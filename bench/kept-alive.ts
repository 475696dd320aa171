/**
 * POST load over connections opened and warmed before the clock starts, as a
 * reverse proxy's upstream pool or readers already on the page hold them.
 *
 * Why not wrk alone: since libuv 1.45 (Node 20) a server accepts one new
 * connection per turn of its event loop (libuv#3696, nodejs/performance#95).
 * wrk opens its 50 connections at the first instant of each run, while the
 * first ones already keep the loop busy, so the last are accepted a second or
 * more later; wrk then corrects for coordinated omission (it adds the requests
 * a waiting connection "would have sent"), and those few waits become the
 * whole 99th percentile of a 10 s run. A bare Node server doing 0.5 ms of work
 * a request shows the same: p99 0.6–0.8 s at 10 s, 0.1 s at 30 s. bench/server.ts
 * prints wrk's figure too; this one is the request path's own tail.
 *
 * The client runs in a worker thread (its own event loop beside the bench's
 * idle one), one request at a time on each of `connections` kept-alive sockets.
 * It writes requests and reads answers on plain sockets: node:http's client,
 * on the cores the server shares, came out 10–15% below wrk in the same run.
 */
import { Worker } from 'node:worker_threads';
import type { LoadResult } from './load.ts';

export interface KeptAliveLoad {
  url: string;
  connections: number;
  warmSeconds: number;
  seconds: number;
  /** A JSON body in which `{{n}}` becomes a number unique to the request. */
  postJson: string;
}

const CLIENT = String.raw`
const { parentPort, workerData: load } = require('node:worker_threads');
const net = require('node:net');
const url = new URL(load.url);
const [before, after] = load.postJson.split('{{n}}');
const head = 'POST ' + url.pathname + ' HTTP/1.1\r\nHost: ' + url.host + '\r\nContent-Type: application/json\r\nContent-Length: ';
let n = 0;
let measuring = false;
let stopping = false;
const latencies = [];
let errors = 0;
let started = 0;
const sockets = [];

/** One connection: a request, its whole answer (Content-Length or chunked), the next request. */
function connection() {
  const socket = net.connect(+url.port, url.hostname);
  socket.setNoDelay(true);
  sockets.push(socket);
  let buffer = Buffer.alloc(0);
  let at = 0;
  const send = () => {
    if (stopping) return;
    const body = before + (n++) + '-' + Math.floor(Math.random() * 1e9) + (after || '');
    at = performance.now();
    socket.write(head + Buffer.byteLength(body) + '\r\n\r\n' + body);
  };
  socket.on('connect', send);
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = buffer.subarray(0, end).toString('latin1');
      const status = +headers.slice(9, 12);
      const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
      let total;
      if (length) total = end + 4 + +length[1];
      else if (/\r\ntransfer-encoding: *chunked/i.test(headers)) {
        const last = buffer.indexOf('\r\n0\r\n\r\n', end);
        if (last < 0) return;
        total = last + 7;
      } else total = end + 4;
      if (buffer.length < total) return;
      buffer = buffer.subarray(total);
      if (measuring) {
        latencies.push(performance.now() - at);
        if (status >= 400) errors++;
      }
      send();
    }
  });
  socket.on('error', () => { if (measuring) errors++; });
}

for (let i = 0; i < load.connections; i++) connection();
setTimeout(() => {
  measuring = true;
  started = performance.now();
  setTimeout(() => {
    measuring = false;
    stopping = true;
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    parentPort.postMessage({ count: latencies.length, seconds, p50: at(0.5), p99: at(0.99), errors });
    for (const socket of sockets) socket.destroy();
  }, load.seconds * 1000);
}, load.warmSeconds * 1000);
`;

export function runKeptAlive(load: KeptAliveLoad): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: load });
    worker.once('message', (m: { count: number; seconds: number; p50: number; p99: number; errors: number }) => {
      void worker.terminate();
      resolve({ tool: 'kept-alive', requestsPerSecond: m.count / m.seconds, p50: m.p50, p99: m.p99, errors: m.errors });
    });
    worker.once('error', reject);
  });
}
