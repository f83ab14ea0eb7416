import { describe, expect, it } from 'vitest';

import { plainHeaders, requestCookies } from './session';

describe('the lean handler reads a request as Next.js does', () => {
  it('joins repeated header values and keeps lower-case names', () => {
    expect(
      plainHeaders({ host: 'h', 'x-forwarded-for': ['a', 'b'], cookie: 'x=1', 'content-length': undefined }),
    ).toEqual({
      host: 'h',
      'x-forwarded-for': 'a, b',
      cookie: 'x=1',
    });
  });

  it("parses cookies with Next's own parser (chunked session cookies, odd spacing, none)", () => {
    expect(requestCookies({ cookie: 'next-auth.session-token.0=abc; next-auth.session-token.1=def;other=x' })).toEqual([
      { name: 'next-auth.session-token.0', value: 'abc' },
      { name: 'next-auth.session-token.1', value: 'def' },
      { name: 'other', value: 'x' },
    ]);
    expect(requestCookies({})).toEqual([]);
  });
});
