import { createServer, request, type Server } from 'node:http';

/** A small HTTP proxy on one port that hands each request to the next of `upstreams` in turn (for the multi-server bench). */
export async function startRoundRobinProxy(upstreams: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const targets = upstreams.map((u) => new URL(u));
  const server: Server = createServer((req, res) => {
    const target = targets[next++ % targets.length]!;
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
