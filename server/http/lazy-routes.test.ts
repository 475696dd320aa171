import { describe, expect, test } from 'vitest';
import { Hono, type ErrorHandler } from 'hono';
import { AppError } from '../errors.ts';
import { lazyRoutes } from './lazy-routes.ts';

/** An app shaped like createApp's: lazy routes under /late/*, then a catch-all behind them, one onError. */
function appWith(load: () => Promise<Hono>) {
  const onError: ErrorHandler = (error, c) => (error instanceof AppError ? c.json(error.toJSON(), error.status) : c.text('500', 500));
  const app = new Hono()
    .use('/late/*', lazyRoutes(load, onError))
    .get('/late/static.txt', (c) => c.text('served by what follows'))
    .get('/early', (c) => c.text('early'));
  app.onError(onError);
  return app;
}

describe('routes loaded on first use', () => {
  test('nothing loads until a request reaches them, then they load once and answer every request', async () => {
    let loads = 0;
    const app = appWith(async () => {
      loads++;
      return new Hono().get('/late/hello', (c) => c.text(`hello ${c.req.query('to')}`)).post('/late/echo', async (c) => c.json(await c.req.json()));
    });
    expect(await (await app.request('/early')).text()).toBe('early');
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([app.request('/late/hello?to=a'), app.request('/late/hello?to=b')]);
    expect([await first.text(), await second.text()]).toEqual(['hello a', 'hello b']);
    const echo = await app.request('/late/echo', { method: 'POST', body: JSON.stringify({ n: 1 }), headers: { 'Content-Type': 'application/json' } });
    expect(await echo.json()).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });

  test("their errors are answered by the app's onError, and their own middleware still sees the answer", async () => {
    const app = appWith(async () =>
      new Hono()
        .use(async (c, next) => {
          await next();
          c.header('Cache-Control', 'no-store');
        })
        .get('/late/gone', () => {
          throw new AppError(409, 'gone', 'It went.');
        }),
    );
    const response = await app.request('/late/gone');
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'gone', message: 'It went.' } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('a path they do not hold goes on to the routes mounted after them', async () => {
    const app = appWith(async () => new Hono().get('/late/hello', (c) => c.text('hello')));
    const response = await app.request('/late/static.txt');
    expect(await response.text()).toBe('served by what follows');
    expect(response.headers.get('x-parley-unrouted')).toBeNull();
    expect((await app.request('/late/nothing')).status).toBe(404);
  });

  test('a failed load answers 500 and is tried again by the next request', async () => {
    let attempts = 0;
    const app = appWith(async () => {
      if (++attempts === 1) throw new Error('disk hiccup');
      return new Hono().get('/late/hello', (c) => c.text('hello'));
    });
    expect((await app.request('/late/hello')).status).toBe(500);
    expect(await (await app.request('/late/hello')).text()).toBe('hello');
  });
});
