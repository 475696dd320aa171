/**
 * Where a client address sits, for limits that must not be dodged by
 * changing the last bits: the *host* (an IPv4 address, or the /64 an IPv6
 * host is usually given whole) and its *network* (an IPv4 /24, an IPv6 /56,
 * the usual size of one customer's allocation). IPv4-mapped IPv6 addresses
 * count as IPv4. Anything unreadable is its own host and network.
 */
export function hostAndNetwork(ip: string): { host: string; network: string } {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const v4 = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return { host: address, network: `${v4[1]}.0/24` };
  const groups = ipv6Groups(address);
  if (!groups) return { host: address, network: address };
  const hex = groups.map((group) => group.padStart(4, '0')).join('');
  return { host: `${hex.slice(0, 16)}/64`, network: `${hex.slice(0, 14)}/56` };
}

/** The eight groups of an IPv6 address (with `::` expanded, a zone dropped), or null. */
function ipv6Groups(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '');
  if (!/^[0-9a-f:.]+$/.test(bare) || !bare.includes(':')) return null;
  const [head = '', tail, ...rest] = bare.split('::');
  if (rest.length) return null;
  const split = (part: string) => (part ? part.split(':') : []);
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  const last = right.at(-1) ?? left.at(-1);
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups.
  if (last?.includes('.')) {
    const octets = last.split('.').map(Number);
    if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) return null;
    const pair = [((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16)];
    (right.length ? right : left).splice(-1, 1, ...pair);
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : null;
}
