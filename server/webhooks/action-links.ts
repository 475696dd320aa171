/**
 * Approve / Spam links for chat messages: the signed one-click links of moderators' mails
 * (server/mail/signed-links.ts, answered by `/mail/moderate`: a page with a button, the POST
 * acts), made for the moderator named by WEBHOOK_MODERATOR, under whose name the audit log
 * records the action. Anyone who can read the chat room can use them for a week: name a
 * moderator only for a room that only moderators read.
 */
import type { Repos } from '../db/types.ts';
import { signLink } from '../mail/signed-links.ts';

export type ActionSigner = (action: 'approve' | 'spam', commentId: number) => Promise<string | null>;

export function createActionSigner(o: {
  repos: Pick<Repos, 'moderators'>;
  email: string;
  secret: string;
  serverUrl: string;
  clock: () => number;
}): ActionSigner {
  return async (action, commentId) => {
    // Read each time: a moderator removed since start-up gets no more links.
    const moderator = await o.repos.moderators.findByEmail(o.email);
    if (!moderator) return null;
    return `${o.serverUrl}/mail/moderate?t=${signLink(o.secret, { action, id: commentId, moderator: moderator.id }, o.clock())}`;
  };
}
