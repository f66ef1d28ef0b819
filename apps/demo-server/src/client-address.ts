import { isIPv4, isIPv6 } from 'node:net';

/**
 * What a per-client limit counts a request's address as: an IPv4 address whole (an IPv4-mapped
 * IPv6 address as its IPv4 address), an IPv6 address by its /64 network — one subscriber
 * commonly holds a whole /64, and counting single IPv6 addresses would let one client try
 * without end. Anything else is kept as it is. Pure.
 *
 * @param address - The socket's remote address.
 * @returns The key to count it under.
 * @example
 * ```ts
 * addressBucket('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * addressBucket('::ffff:192.0.2.7'); // '192.0.2.7'
 * ```
 */
export function addressBucket(address: string): string {
  const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) names no other network
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = [groups[6] as number, groups[7] as number];
    return v4.flatMap((g) => [g >> 8, g & 0xff]).join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` and a dotted IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!isIPv4(group)) return [Number.parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
