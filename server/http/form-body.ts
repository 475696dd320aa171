import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import { bodyText } from './json-body.ts';

/**
 * The fields of an HTML form post (`application/x-www-form-urlencoded`): 415 for any other type,
 * 413 past 64 KB as for JSON. A field sent twice counts once (its first value); bytes that are not
 * UTF-8 arrive as U+FFFD, so no field holds a lone surrogate.
 */
export async function formBody(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(await bodyText(c))) if (!fields.has(name)) fields.set(name, value);
  // Own properties only (a field named `__proto__` is a field like any other).
  return Object.fromEntries(fields);
}
