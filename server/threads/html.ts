import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString;

/** hono's `html` (every value escaped unless it is Html itself), typed for templates with no promise inside: they answer at once. */
export const h = (strings: TemplateStringsArray, ...values: unknown[]) => html(strings, ...values) as Html;
