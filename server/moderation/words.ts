/** The parts of a comment that moderation and blocklist entries are matched against (WordPress matches the same). */
export interface Matchable {
  text: string;
  name: string;
  email: string;
  url: string;
  ip: string;
}

const FIELD_NAMES: Record<keyof Matchable, string> = { text: 'text', name: 'name', email: 'email', url: 'website', ip: 'IP address' };

/**
 * The first entry found inside any field, case-insensitively and inside words
 * (as WordPress does: "press" matches "WordPress"), with the field it was found in.
 */
export function findWord(entries: readonly string[], comment: Matchable): { word: string; field: string } | null {
  const fields = (Object.keys(FIELD_NAMES) as Array<keyof Matchable>).map((key) => [key, comment[key].toLowerCase()] as const);
  for (const entry of entries) {
    const word = entry.trim().toLowerCase();
    if (!word) continue;
    const hit = fields.find(([, value]) => value.includes(word));
    if (hit) return { word: entry.trim(), field: FIELD_NAMES[hit[0]] };
  }
  return null;
}

/** A word list as typed into the settings screen: one entry a line, trimmed, blanks and repeats dropped. */
export function wordList(lines: readonly string[]): string[] {
  return [...new Set(lines.map((line) => line.trim()).filter(Boolean))];
}
