import 'server-only';

// The client address for rate limiting: the last X-Forwarded-For entry, which a reverse proxy in front
// appends (earlier entries are whatever the client claimed). `next start` sets the header to the socket
// address only when the client sent none, so a client reaching Next directly can choose it: sign-in
// therefore also has a per-user bucket that ignores the address (rate-limit.ts, `signin-user`).
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip')?.trim() || 'unknown';
}

export function signinKey(ip: string, user: string): string {
  return `${ip}|${normalUser(user)}`;
}

export function normalUser(user: string): string {
  return user.trim().toLowerCase();
}
