/**
 * The providers' marks: a letter on the provider's colour, drawn by CSS, so the
 * bundle carries no third-party artwork and needs no image request. Every colour
 * keeps white text at 4.5:1 or more (WCAG 2.2 AA).
 */
const MARKS: Record<string, [letter: string, colour: string]> = {
  wordpress: ['W', '#21759b'],
  google: ['G', '#1565d8'],
  github: ['GH', '#24292f'],
  facebook: ['f', '#0866ff'],
  twitter: ['X', '#000'],
  mastodon: ['M', '#563acc'],
  email: ['@', '#50575e'],
};

export function mark(provider: { id: string; name: string }): [string, string] {
  return MARKS[provider.id] ?? [provider.name.slice(0, 1).toUpperCase(), '#50575e'];
}
