import 'server-only';

import { isIPv4, isIPv6 } from 'node:net';

// The client address for rate limiting: the last X-Forwarded-For entry, which a reverse proxy in front
// appends (earlier entries are whatever the client claimed). `next start` and the standalone server set
// the header to the socket address only when the client sent none, so a client reaching Next directly
// can choose it: the per-user and global sign-in budgets therefore do not depend on the address
// (server/security/sign-in-limits.ts, ADR 0012).
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return addressKey(last || headers.get('x-real-ip')?.trim() || '');
}

/**
 * The budget key of an address. IPv4-mapped IPv6 is the IPv4 address; other IPv6 addresses count per
 * /64, since one subscriber commonly holds a whole /64 and could otherwise take a fresh budget per
 * address. Anything that is not an address shares the single key `invalid`, so made-up strings cannot
 * mint budgets either.
 */
export function addressKey(raw: string): string {
  const address = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return 'invalid';
}

/** The eight 16-bit groups of a valid IPv6 address, lower-case without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (::1.2.3.4) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}

/** User names are compared for limiting as people type them: trimmed, case-insensitively. */
export function normalUser(user: string): string {
  return user.trim().toLowerCase();
}
