import type { ApiError, Comment } from '../types.ts';

/** A request to /api/moderate/PATH (widget/api.ts `moderate`, bound to the server). */
export type Send = (path: string, body: unknown) => Promise<unknown>;

/**
 * Bans the author of `c` from the thread: a signed-in author by their account, a guest by the email
 * they gave. A guest may leave none (when the site asks for no email), and the server then answers
 * `nothing_to_ban`: the ban is by the address the comment came from instead. The server looks that up
 * from the comment's id and answers without it (server/routes/moderate.ts), so the widget never sees it.
 */
export async function banAuthor(send: Send, c: Comment, reason: string): Promise<unknown> {
  const ban = (kind: string) => send('bans', { kind, comment: c.id, reason });
  if (c.author.provider) return ban('account');
  try {
    return await ban('email');
  } catch (error) {
    if ((error as ApiError).code != 'nothing_to_ban') throw error;
    return ban('ip');
  }
}
