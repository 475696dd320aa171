import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { threadHtmlRoutes } from './thread-html.ts';
import { commentFormRoutes } from './comment-form.ts';

/** Comments without JavaScript: the thread drawn on the server (GET /thread.html, /thread.css) and its form's posts (POST /comments/form). */
export const withoutScriptRoutes = (deps: Deps) => new Hono().route('/', threadHtmlRoutes(deps)).route('/', commentFormRoutes(deps));
