import type { ListedComment } from '../db/comments-repo.ts';
import type { MembersRepo } from '../db/members-repo.ts';

type Authored = Pick<ListedComment, 'id' | 'author_name' | 'account_id' | 'is_moderator'>;

/** Ids of the guest comments among `rows` whose author name a member of `siteId` holds: their JSON says `author.guest`. */
export async function guestMarks(members: MembersRepo, siteId: string, rows: readonly Authored[]): Promise<Set<number>> {
  const guests = rows.filter((row) => row.account_id === null && row.is_moderator !== 1 && row.author_name);
  if (!guests.length) return new Set();
  const held = await members.heldNames(siteId, guests.map((row) => row.author_name));
  return new Set(guests.filter((row) => held.has(row.author_name)).map((row) => row.id));
}
