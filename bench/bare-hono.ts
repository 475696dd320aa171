/**
 * The ceiling for reads: a bare Hono server (its own process, @hono/node-server, nothing else)
 * answering every GET with the very bytes and headers Parley sent for one thread page.
 * bench/server.ts starts it beside the real server and loads both in the same run.
 * Run as `node bench/bare-hono.ts BODY_FILE CONTENT_TYPE` (Node strips the types); prints its port.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [bodyFile, contentType] = process.argv.slice(2);
const body = readFileSync(bodyFile!);
const app = new Hono().get('*', (c) => c.body(body, 200, { 'Content-Type': contentType!, 'Cache-Control': 'no-cache' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
