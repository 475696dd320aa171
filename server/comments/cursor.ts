import type { Cursor } from '../db/types.ts';
import { AppError } from '../errors.ts';

/** The opaque `next` / `after` value: the keyset position, base64url-encoded. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString());
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every(Number.isSafeInteger)) {
      return [parsed[0] as number, parsed[1] as number];
    }
  } catch {
    // answered below
  }
  throw new AppError(400, 'invalid_value', 'after is not a cursor this server gave out; pass the `next` value of the previous page.', 'after');
}
