import type { ListedComment, MembersRepo } from '../db/types.ts';

type Authored = Pick<ListedComment, 'id' | 'authorName' | 'accountId' | 'isModerator'>;

/** Ids of the guest comments among `rows` whose author name a member of `siteId` holds: their JSON says `author.guest`. */
export async function guestMarks(members: MembersRepo, siteId: string, rows: readonly Authored[]): Promise<Set<number>> {
  const guests = rows.filter((row) => row.accountId === null && !row.isModerator && row.authorName);
  if (!guests.length) return new Set();
  const held = await members.heldNames(
    siteId,
    guests.map((row) => row.authorName),
  );
  return new Set(guests.filter((row) => held.has(row.authorName)).map((row) => row.id));
}
