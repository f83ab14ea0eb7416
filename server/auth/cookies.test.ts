import { describe, expect, it } from 'vitest';

import { sessionCookies } from './cookies';

describe('session cookies', () => {
  it('over https every next-auth cookie is __Host- prefixed: Secure, Path=/, no Domain', () => {
    const cookies = sessionCookies(true);
    for (const [key, cookie] of Object.entries(cookies)) {
      expect(cookie.name, key).toMatch(/^__Host-next-auth\./);
      expect(cookie.options).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'lax' });
      expect(cookie.options).not.toHaveProperty('domain');
    }
    expect(cookies.sessionToken.name).toBe('__Host-next-auth.session-token');
    expect(cookies.csrfToken.name).toBe('__Host-next-auth.csrf-token');
    expect(cookies.callbackUrl.name).toBe('__Host-next-auth.callback-url');
  });

  it('over http (the local demo) plain names without Secure', () => {
    const cookies = sessionCookies(false);
    expect(cookies.sessionToken).toMatchObject({ name: 'next-auth.session-token', options: { secure: false } });
    expect(cookies.csrfToken.name).toBe('next-auth.csrf-token');
  });
});
