import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const PATH = '/api/events?page=/post/';

/** Every stream a test opened, cancelled afterwards so each test starts with none. */
const opened: Response[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((response) => response.body?.cancel().catch(() => {})));
});

async function stream(t: TestApp, ip: string): Promise<Response> {
  const response = await t.app.request(PATH, { headers: { 'x-test-client-ip': ip } });
  if (response.status === 200) opened.push(response);
  return response;
}

/** A live reader: its stream, read event by event. */
function reader(response: Response) {
  const body = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    /** The next event's text (`event: …\ndata: …`), or null when the stream ended. */
    async next(): Promise<string | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith(':')) return event;
          continue;
        }
        const { done, value } = await body.read();
        if (done) return null;
        buffer += value;
      }
    },
  };
}

/** Attackers holding every one of the 5,000 streams: 50 networks × 10 hosts × 10 streams, each at its caps. */
async function fillTheServer(t: TestApp): Promise<Response[]> {
  const held: Response[] = [];
  for (let network = 0; network < 50; network++) {
    for (let host = 0; host < 10; host++) {
      for (let n = 0; n < 10; n++) {
        const response = await stream(t, `198.18.${network}.${host + 1}`);
        expect(response.status).toBe(200);
        held.push(response);
      }
    }
  }
  return held;
}

describe('live updates cannot be denied to everyone', () => {
  test('the attack of the issue, 250 addresses × 20 streams, holds only 10 per address, and a new reader still gets a stream', async () => {
    const t = createTestApp();
    let accepted = 0;
    for (let address = 0; address < 250; address++) {
      for (let n = 0; n < 20; n++) {
        const response = await stream(t, `10.${address}.0.1`);
        if (response.status === 200) accepted += 1;
        else {
          expect(response.status).toBe(429);
          expect(response.headers.get('retry-after')).toBe('60');
          expect((await response.json()).error.code).toBe('rate_limited');
        }
      }
    }
    expect(accepted).toBe(2500);
    const newcomer = reader(await stream(t, '203.0.113.7'));
    expect(await newcomer.next()).toMatch(/^event: ready/);
  }, 300_000);

  test('when attackers hold all 5,000 streams, new readers still get live streams: the oldest stream of the fullest network gives way', async () => {
    const t = createTestApp();
    const held = await fillTheServer(t);

    const readers = [];
    for (let i = 0; i < 20; i++) {
      const response = await stream(t, `203.0.${113 + i}.7`);
      expect(response.status).toBe(200);
      const live = reader(response);
      expect(await live.next()).toMatch(/^event: ready/);
      readers.push(live);
    }

    // Each newcomer pushed out the oldest stream of a fullest network (ties: the network whose oldest is oldest),
    // so networks 0 to 19 each gave up their first stream; it was told to wait a minute, and ended.
    for (const response of held.filter((_, i) => i % 100 === 0).slice(0, 20)) {
      const evicted = reader(response);
      expect(await evicted.next()).toMatch(/^event: ready/);
      expect(await evicted.next()).toBe('event: evicted\ndata: {}\nretry: 60000');
      expect(await evicted.next()).toBeNull();
    }

    // Every new reader is live: a new comment reaches each of them.
    const posted = await t.comment({ text: 'Still here' });
    expect(posted.status).toBe(201);
    for (const live of readers) expect(await live.next()).toMatch(new RegExp(`^event: comment\\ndata: \\{"id":${posted.body.comment.id},`));
  }, 300_000);

  test("an attacker reconnecting at the cap only pushes out its own network's oldest streams, never the readers", async () => {
    const t = createTestApp();
    const held = await fillTheServer(t);
    const live = reader(await stream(t, '203.0.113.7'));
    expect(await live.next()).toMatch(/^event: ready/);
    // Network 0 lost its oldest stream to the reader; it reconnects from a host with room and is the fullest again…
    for (let n = 0; n < 5; n++) {
      const again = await stream(t, `198.18.${n + 1}.1`);
      expect(again.status).toBe(429); // …unless the host is at its cap,
    }
    const refill = await stream(t, '198.18.0.1');
    expect(refill.status).toBe(200);
    // …and then pushes out another attacker's stream (network 1's oldest), not the reader's.
    const second = reader(held[100]!);
    expect(await second.next()).toMatch(/^event: ready/);
    expect(await second.next()).toMatch(/^event: evicted/);
    const posted = await t.comment({ text: 'Reader still live' });
    expect(await live.next()).toMatch(new RegExp(`^event: comment\\ndata: \\{"id":${posted.body.comment.id},`));
  }, 300_000);

  test('per-host and per-network caps cannot be dodged by rotating addresses', async () => {
    const t = createTestApp();
    for (let n = 0; n < 10; n++) expect((await stream(t, '192.0.2.1')).status).toBe(200);
    expect((await stream(t, '192.0.2.1')).status).toBe(429);
    // One IPv6 host owns a /64: changing the last 64 bits is the same host.
    for (let n = 0; n < 10; n++) expect((await stream(t, `2001:db8:0:1::${n + 1}`)).status).toBe(200);
    expect((await stream(t, '2001:db8:0:1:ffff::1')).status).toBe(429);
    // A /24 holds at most 100 however many addresses it uses.
    let accepted = 0;
    for (let host = 1; host <= 20; host++) for (let n = 0; n < 10; n++) if ((await stream(t, `198.51.100.${host}`)).status === 200) accepted += 1;
    expect(accepted).toBe(100);
    expect((await stream(t, '198.51.101.1')).status).toBe(200);
  }, 120_000);

  test('loopback has no share (this machine, or a reverse proxy TRUST_PROXY does not see through): only the total bounds it', async () => {
    const t = createTestApp();
    for (let n = 0; n < 150; n++) expect((await stream(t, n % 2 ? '127.0.0.1' : '::1')).status).toBe(200);
  });
});
