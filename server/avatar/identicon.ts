import { createHash } from 'node:crypto';

/**
 * A 5×5, left-right symmetric identicon as SVG, drawn from a hash of `seed`:
 * the same seed always gives the same picture, and nothing leaves the server.
 */
export function identicon(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  const hue = ((bytes[0]! << 8) | bytes[1]!) % 360;
  const fg = `hsl(${hue} 55% 42%)`;
  const bg = `hsl(${hue} 40% 92%)`;
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if ((bytes[2 + row * 3 + col]! & 1) === 0) continue;
      for (const x of new Set([col, 4 - col])) cells.push(`<rect x="${x + 1}" y="${row + 1}" width="1" height="1"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 7 7" width="80" height="80" shape-rendering="crispEdges"><rect width="7" height="7" fill="${bg}"/><g fill="${fg}">${cells.join('')}</g></svg>`;
}
