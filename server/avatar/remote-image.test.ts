import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createRemoteImageFetcher } from './remote-image.ts';
import { isPrivateAddress, isPublicHost } from './public-address.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');

describe("avatars fetched on a provider's word", () => {
  let server: Server;
  let host = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/to-private') return res.writeHead(302, { Location: `http://${host}/avatar.png` }).end();
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  test('an image on a host the blog owner configured is fetched', async () => {
    const fetcher = createRemoteImageFetcher({ clock: Date.now, trustedHosts: new Set([host]) });
    expect(await fetcher.image(`http://${host}/avatar.png`)).toEqual({ body: new Uint8Array(PNG), type: 'image/png' });
  });

  test("a URL into the server's own network, given by a stranger, is not fetched", async () => {
    let hits = 0;
    server.on('request', () => (hits += 1));
    const fetcher = createRemoteImageFetcher({ clock: Date.now });
    expect(await fetcher.image(`http://${host}/avatar.png`)).toBeNull();
    expect(await fetcher.image(`https://${host}/avatar.png`)).toBeNull();
    expect(await fetcher.image('https://localhost/avatar.png')).toBeNull();
    expect(hits).toBe(0);
  });

  test('a redirect from a trusted host into a private address one is not followed unless that host is trusted too', async () => {
    const trustedOther = new Set(['trusted.invalid']);
    const fetcher = createRemoteImageFetcher({ clock: Date.now, trustedHosts: trustedOther });
    expect(await fetcher.image(`http://${host}/to-private`)).toBeNull();
  });

  test('private, loopback, link-local and mapped addresses are recognised', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
    expect(await isPublicHost('127.0.0.1')).toBe(false);
    expect(await isPublicHost('[::1]')).toBe(false);
    expect(await isPublicHost('no-such-host.invalid')).toBe(false);
  });
});
