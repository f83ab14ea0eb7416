import { describe, expect, it } from 'vitest';

import {
  MAX_CREDENTIALS_BYTES,
  canonicalForm,
  flatJsonObject,
  parseCredentials,
  readCredentials,
} from './credentials-body';

const FORM = 'application/x-www-form-urlencoded';

function form(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString();
}

describe('parseCredentials', () => {
  it('reads a form and a JSON body to the same credentials', () => {
    const fromForm = parseCredentials(
      form([
        ['csrfToken', 't'],
        ['username', ' bob '],
        ['password', 'pw'],
        ['json', 'true'],
      ]),
      `${FORM}; charset=UTF-8`,
    );
    const fromJson = parseCredentials(
      JSON.stringify({ csrfToken: 't', username: ' bob ', password: 'pw', json: 'true' }),
      'application/json',
    );
    expect(fromForm).toEqual(fromJson);
    expect(fromForm).toMatchObject({ ok: true, credentials: { username: 'bob', password: 'pw' } });
  });

  it('refuses a field sent twice, whichever comes first (the decoy-name bypass)', () => {
    for (const pairs of [
      [
        ['username', 'decoy'],
        ['username', 'bob'],
        ['password', 'guess'],
      ],
      [
        ['username', 'bob'],
        ['password', 'a'],
        ['password', 'b'],
      ],
      [
        ['username', 'bob'],
        ['username', 'bob'],
        ['password', 'guess'],
      ],
    ] as [string, string][][]) {
      const result = parseCredentials(form(pairs), FORM);
      expect(result).toEqual({ ok: false, status: 400, message: expect.stringMatching(/appears more than once/) });
    }
  });

  it('refuses duplicate keys in JSON, also when one is spelled with escapes', () => {
    for (const body of [
      '{"username":"decoy","username":"bob","password":"x"}',
      '{"username":"decoy","user\\u006eame":"bob","password":"x"}',
    ]) {
      expect(parseCredentials(body, 'application/json')).toEqual({
        ok: false,
        status: 400,
        message: 'The field "username" appears more than once',
      });
    }
  });

  it('refuses unknown fields, missing or oversized values, and other content types', () => {
    expect(
      parseCredentials(
        form([
          ['username', 'a'],
          ['password', 'b'],
          ['role', 'admin'],
        ]),
        FORM,
      ),
    ).toMatchObject({
      ok: false,
      status: 400,
      message: 'Unexpected field "role"',
    });
    expect(
      parseCredentials(
        form([
          ['username', '  '],
          ['password', 'b'],
        ]),
        FORM,
      ),
    ).toMatchObject({ status: 400 });
    expect(parseCredentials(form([['username', 'a']]), FORM)).toMatchObject({ status: 400 });
    expect(
      parseCredentials(
        form([
          ['username', 'a'.repeat(254)],
          ['password', 'b'],
        ]),
        FORM,
      ),
    ).toMatchObject({
      status: 400,
    });
    expect(
      parseCredentials(
        form([
          ['username', 'a'],
          ['password', 'b'],
        ]),
        'text/plain',
      ),
    ).toMatchObject({ status: 415 });
    expect(
      parseCredentials(
        form([
          ['username', 'a'],
          ['password', 'b'],
        ]),
        null,
      ),
    ).toMatchObject({ status: 415 });
    // next-auth would treat this as JSON (`includes('application/json')`); we accept one media type only.
    expect(parseCredentials('{}', `${FORM}, application/json`)).toMatchObject({ status: 415 });
  });

  it('refuses a body over the size cap with 413', () => {
    const big = form([
      ['username', 'a'],
      ['password', 'x'.repeat(MAX_CREDENTIALS_BYTES)],
    ]);
    expect(parseCredentials(big, FORM)).toMatchObject({ ok: false, status: 413 });
  });

  it('JSON values must be strings', () => {
    expect(parseCredentials('{"username":"bob","password":["a","b"]}', 'application/json')).toMatchObject({
      status: 400,
      message: 'The field "password" must be a string',
    });
    expect(parseCredentials('{"username":{"$ne":null},"password":"x"}', 'application/json')).toMatchObject({
      status: 400,
    });
  });
});

describe('flatJsonObject', () => {
  it('keeps every pair in order, decoding escapes', () => {
    expect(flatJsonObject(' { "a" : "1" , "b\\"" : "\\u00e9\\n" } ')).toEqual([
      ['a', '1'],
      ['b"', 'é\n'],
    ]);
    expect(flatJsonObject('{}')).toEqual([]);
  });

  it('says why anything else is not a flat object', () => {
    for (const bad of ['', '[]', '{', '{"a"}', '{"a":"1",}', '{"a":"1"} x', '{"a":1}', '"a"', '{"a":"1\u0001"}']) {
      expect(typeof flatJsonObject(bad)).toBe('string');
    }
  });

  it('scans a long unterminated body to its end once', () => {
    // Escapes that a backtracking parser would revisit; an unterminated string is refused.
    expect(flatJsonObject(`{"a":"${'\\\\'.repeat(200_000)}`)).toBe('The field "a" must be a string');
  });
});

describe('readCredentials', () => {
  it('stops reading an oversized stream and answers 413', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096).fill(97));
        if (pulled > 1000) controller.close();
      },
    });
    const request = new Request('http://x/api/auth/callback/local', {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await readCredentials(request)).toMatchObject({ ok: false, status: 413 });
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a body whose announced length is over the cap without reading it', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': FORM, 'content-length': String(MAX_CREDENTIALS_BYTES + 1) },
      body: 'username=a&password=b',
    });
    expect(await readCredentials(request)).toMatchObject({ ok: false, status: 413 });
  });
});

describe('canonicalForm', () => {
  it('is what next-auth parses back to exactly the checked values', () => {
    const parsed = parseCredentials(
      form([
        ['username', ' Bob '],
        ['password', 'p&w=1'],
        ['csrfToken', 't'],
        ['callbackUrl', '/c/local'],
      ]),
      FORM,
    );
    if (!parsed.ok) throw new Error(parsed.message);
    // next-auth's getBody: Object.fromEntries(new URLSearchParams(text)).
    expect(Object.fromEntries(new URLSearchParams(canonicalForm(parsed.credentials)))).toEqual({
      csrfToken: 't',
      username: 'Bob',
      password: 'p&w=1',
      callbackUrl: '/c/local',
    });
  });
});
