import { Hono } from 'hono';
import type { Deps } from '../deps.ts';

/** What the widget needs to draw its form: which fields are required, the edit window, the depth. */
export function widgetConfigRoutes(deps: Deps) {
  const { config } = deps;
  const body = JSON.stringify({
    requireNameEmail: config.requireNameEmail,
    editWindowMinutes: config.editWindowMs / 60_000,
    maxDepth: config.maxDepth,
    maxTextLength: config.maxTextLength,
    notify: false,
    providers: [],
  });
  return new Hono().get('/config', (c) =>
    c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=60' }),
  );
}
