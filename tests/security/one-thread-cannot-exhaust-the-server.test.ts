import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createResponseCache } from '../../server/lib/response-cache.ts';
import { PERSONAL_READS_PER_HOST } from '../../server/http/personal-reads.ts';

/** A cached body holding `bytes` bytes in all. */
const sized = (bytes: number) => ({ raw: new Uint8Array(bytes), bytes });

/** The most comments, replies included, one answer of GET /api/comments carries. */
const PAGE_COMMENTS = 200;

/** Stores a comment straight through the repository (no rate limits, no screening), `at` ms after the test's start. */
async function store(t: TestApp, page: string, parentId: number | null, at: number, text = `c${at}`) {
  const { comment } = await t.repos.comments.postComment({
    siteId: 'default',
    page,
    title: 'Busy',
    parentId,
    status: 'approved',
    text,
    html: `<p>${text}</p>`,
    authorName: 'R',
    authorEmail: '',
    authorUrl: '',
    avatarKey: 'k',
    accountId: null,
    isModerator: false,
    ip: '127.0.0.1',
    userAgent: '',
    editTokenHash: null,
    notify: false,
    createdAt: t.time.now + at,
    maxDepth: 5,
  });
  return comment.id;
}

async function read(t: TestApp, query: string, headers: Record<string, string> = {}) {
  const response = await t.get(`/api/comments?${query}`, headers);
  expect(response.status).toBe(200);
  return (await response.json()) as { comments: Array<{ id: number; parent: number | null }>; next: string | null; more: Record<string, string> };
}

/** Every comment a reader can reach: pages of the thread, then "Show more replies" under each branch that continues. */
async function readAll(t: TestApp, page: string) {
  const seen: number[] = [];
  let sizes: number[] = [];
  const branches: Array<[string, string]> = [];
  let after: string | null = null;
  do {
    const body = await read(t, `page=${page}${after ? `&after=${after}` : ''}`);
    sizes.push(body.comments.length);
    seen.push(...body.comments.map((c) => c.id));
    branches.push(...Object.entries(body.more));
    after = body.next;
  } while (after);
  while (branches.length) {
    const [root, cursor] = branches.shift()!;
    const body = await read(t, `page=${page}&root=${root}&after=${cursor}`);
    sizes.push(body.comments.length);
    seen.push(...body.comments.map((c) => c.id));
    branches.push(...Object.entries(body.more));
  }
  sizes = sizes.filter((n) => n > PAGE_COMMENTS);
  return { seen, oversized: sizes };
}

describe('one thread cannot exhaust the server', () => {
  test('a root with 1,000 replies answers at most 200 comments, with a cursor that reaches every reply once, in order', async () => {
    const t = createTestApp();
    const root = await store(t, '/busy/', null, 0);
    const replies: number[] = [];
    for (let i = 1; i <= 1000; i++) replies.push(await store(t, '/busy/', i % 3 === 0 ? replies.at(-1)! : root, i));
    const first = await read(t, 'page=/busy/');
    expect(first.comments.length).toBe(PAGE_COMMENTS);
    expect(first.comments[0]!.id).toBe(root);
    expect(Object.keys(first.more)).toEqual([String(root)]);
    expect(first.next).toBeNull();

    const { seen, oversized } = await readAll(t, '/busy/');
    expect(oversized).toEqual([]);
    expect(seen).toEqual([root, ...replies]);

    // Signed-in or token-holding readers skip the cache: their answers are bounded the same way.
    const personal = await read(t, 'page=/busy/', { 'X-Parley-Tokens': '1.aaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(personal.comments.length).toBe(PAGE_COMMENTS);
  });

  test('many roots with replies: each page holds at most 200 comments, whole branches move to the next page, nothing is lost', async () => {
    const t = createTestApp();
    const all: number[] = [];
    for (let r = 0; r < 30; r++) {
      const root = await store(t, '/many/', null, r * 100);
      all.push(root);
      for (let i = 1; i <= 15; i++) all.push(await store(t, '/many/', root, r * 100 + i));
    }
    const first = await read(t, 'page=/many/');
    expect(first.comments.length).toBeLessThanOrEqual(PAGE_COMMENTS);
    expect(first.next).not.toBeNull();
    const { seen, oversized } = await readAll(t, '/many/');
    expect(oversized).toEqual([]);
    expect([...seen].sort((a, b) => a - b)).toEqual(all);
  });

  test('a branch cursor reads only its own root in its own thread', async () => {
    const t = createTestApp();
    const root = await store(t, '/a/', null, 0);
    await store(t, '/a/', root, 1);
    const other = await read(t, `page=/b/&root=${root}`);
    expect(other.comments).toEqual([]);
  });

  test('a permalink deep in a long branch is reachable: ?comment=ID answers it with the replies above it', async () => {
    const t = createTestApp();
    const root = await store(t, '/deep/', null, 0);
    let parent = root;
    for (let i = 1; i <= 500; i++) await store(t, '/deep/', root, i);
    const chain: number[] = [root];
    for (let i = 0; i < 3; i++) {
      parent = await store(t, '/deep/', parent, 1000 + i);
      chain.push(parent);
    }
    const body = await read(t, `page=/deep/&comment=${parent}`);
    expect(body.comments.map((c) => c.id)).toEqual(chain);
    expect((await read(t, `page=/other/&comment=${parent}`)).comments).toEqual([]);
  });

  test('token-holding reads fired at once from one address are limited; public reads and other addresses are still answered', async () => {
    const t = createTestApp();
    const root = await store(t, '/busy/', null, 0);
    for (let i = 1; i <= 300; i++) await store(t, '/busy/', root, i);
    const { body: own } = await t.comment({ page: '/busy/', text: 'mine' });
    await read(t, 'page=/busy/'); // the public answer is cached
    const from = (ip: string, tokens?: string) => ({ 'X-Test-Client-Ip': ip, ...(tokens ? { 'X-Parley-Tokens': tokens } : {}) });
    const flood = Array.from({ length: 60 }, () => t.get('/api/comments?page=/busy/', from('203.0.113.7', own.editToken)));
    const publicRead = t.get('/api/comments?page=/busy/', from('203.0.113.7'));
    const neighbour = t.get('/api/comments?page=/busy/', from('198.51.100.9', own.editToken));
    const answers = await Promise.all(flood);
    const refused = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThanOrEqual(60 - PERSONAL_READS_PER_HOST);
    expect(refused[0]!.headers.get('Retry-After')).toBe('1');
    expect(((await refused[0]!.json()) as any).error.code).toBe('too_many_reads');
    expect((await publicRead).status).toBe(200);
    expect((await neighbour).status).toBe(200);
    // The share comes back as the reads end: the same reader is answered again.
    await read(t, 'page=/busy/', from('203.0.113.7', own.editToken));
  });

  test('the response cache keeps within its byte budget, evicting the oldest threads', () => {
    const cache = createResponseCache({ maxGroups: 2000, maxPerGroup: 32, maxBytes: 10_000, externalVersion: () => 1, clock: () => 0 });
    for (let i = 0; i < 100; i++) cache.set(`thread-${i}`, 'k', sized(1000));
    expect(cache.bytes()).toBeLessThanOrEqual(10_000);
    expect(cache.get('thread-0', 'k')).toBeUndefined();
    expect(cache.get('thread-99', 'k')).toBeDefined();
    cache.set('huge', 'k', sized(2000)); // more than an eighth of the budget: not kept at all
    expect(cache.get('huge', 'k')).toBeUndefined();
    expect(cache.bytes()).toBeLessThanOrEqual(10_000);
  });
});
