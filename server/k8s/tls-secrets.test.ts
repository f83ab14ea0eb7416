import { describe, expect, it } from 'vitest';

import type { CertificateInfo } from '@/lib/k8s/kinds/tls-secrets';
import type { KubeObject } from '@/lib/k8s/object';
import { parseChain, tlsSecretTransform } from '@/server/k8s/tls-secrets';

// TLS Secrets are attacker-controlled text (anyone who may create a Secret in one namespace writes
// them) and are parsed for every user's view: the parser must take time linear in its input, and
// examine at most 64 KiB of tls.crt per Secret (issue 11, item 4).

// A self-signed P-256 certificate valid until 2126, SANs leaf.h3a.example.test and www.h3a.example.test.
const LEAF = `-----BEGIN CERTIFICATE-----
MIIB0TCCAXegAwIBAgIUTSohxzHbeGkobvG0dflhfqmuzdIwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVbGVhZi5oM2EuZXhhbXBsZS50ZXN0MCAXDTI2MTEyNDA2Mzky
MFoYDzIxMjYxMDMxMDYzOTIwWjAgMR4wHAYDVQQDDBVsZWFmLmgzYS5leGFtcGxl
LnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASOMe1r2ghdN07A1OEeSWDO
cFA42I2ExMSS7l00XLd/766miKQYZzE902Aw2RolNleRXHMUmKneeq0MjramR+K7
o4GMMIGJMB0GA1UdDgQWBBQ12BHBBeOldARKBiA/Mr1Hzr2gETAfBgNVHSMEGDAW
gBQ12BHBBeOldARKBiA/Mr1Hzr2gETAPBgNVHRMBAf8EBTADAQH/MDYGA1UdEQQv
MC2CFWxlYWYuaDNhLmV4YW1wbGUudGVzdIIUd3d3LmgzYS5leGFtcGxlLnRlc3Qw
CgYIKoZIzj0EAwIDSAAwRQIgWKnnrJp8MPYQc3wu16EVi0WxcVZZQpig9sF59gWS
Ia4CIQDrhQ3xmv+ec+UowUuedEBoGOu7atcL3rt8ekEL+HQaMg==
-----END CERTIFICATE-----
`;
const BEGIN_LINE = '-----BEGIN CERTIFICATE-----\n';
const MB = 1024 * 1024;

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Pseudo-random base64 text (a fixed LCG: the same bytes every run). */
function noise(bytes: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = new Array<string>(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = (i + 1) % 65 === 0 ? '\n' : (alphabet[x % 64] ?? 'A');
  }
  return out.join('');
}

function tlsSecret(crt: string | undefined): KubeObject {
  return {
    metadata: { name: 'h3a-tls', namespace: 'h3a', uid: 'uid-1', resourceVersion: '1' },
    type: 'kubernetes.io/tls',
    data: { ...(crt === undefined ? {} : { 'tls.crt': crt }), 'tls.key': b64('-----BEGIN PRIVATE KEY-----\nx\n') },
  } as KubeObject;
}

const factsOf = (obj: KubeObject | undefined) =>
  (obj as { certificate?: CertificateInfo | { error: string } } | undefined)?.certificate;

describe('parseChain: one forward scan over hostile text', () => {
  it('reads the leaf of a normal chain, in order', () => {
    const facts = parseChain(`${LEAF}${LEAF}`);
    expect(facts).toMatchObject({
      dnsNames: ['leaf.h3a.example.test', 'www.h3a.example.test'],
      notAfter: '2126-10-31T06:39:20.000Z',
      chainLength: 2,
    });
  });

  it('finds the certificate after thousands of stray BEGIN lines (the last BEGIN before END opens the block)', () => {
    const facts = parseChain(`${BEGIN_LINE.repeat(2000)}${LEAF}`);
    expect(facts).toMatchObject({ dnsNames: ['leaf.h3a.example.test', 'www.h3a.example.test'], chainLength: 1 });
  });

  it('answers hostile inputs of a few MB: repeated BEGIN lines, an unterminated block, base64 noise', () => {
    const repeated = BEGIN_LINE.repeat(Math.ceil((3 * MB) / BEGIN_LINE.length));
    expect(parseChain(repeated)).toEqual({ error: 'tls.crt holds no PEM certificate' });
    expect(parseChain(`${BEGIN_LINE}${noise(3 * MB)}`)).toEqual({ error: 'tls.crt holds no PEM certificate' });
    expect(parseChain(noise(5 * MB))).toEqual({ error: 'tls.crt holds no PEM certificate' });
    // Stray BEGIN lines, then a real certificate, then an unterminated block: the certificate is found.
    expect(parseChain(`${repeated}${LEAF}${BEGIN_LINE}${noise(MB)}`)).toMatchObject({ chainLength: 1 });
  });
});

describe('tlsSecretTransform: bounded work per Secret, nothing secret kept', () => {
  it('keeps the leaf facts and drops data, key and PEM', () => {
    const out = tlsSecretTransform(tlsSecret(b64(LEAF)));
    expect(factsOf(out)).toMatchObject({ subject: 'CN=leaf.h3a.example.test', chainLength: 1 });
    expect(JSON.stringify(out)).not.toMatch(/"data"|tls\.key|BEGIN|PRIVATE/);
  });

  it('says "certificate too large to inspect" for a tls.crt over 64 KiB, whatever it holds', () => {
    const tooLarge = { error: 'certificate too large to inspect (tls.crt is over 64 KiB)' };
    // 5 MB of base64 noise, a valid leaf followed by 5 MB of stray BEGIN lines, and 64 KiB + 1 byte.
    for (const crt of [
      b64(noise(5 * MB)),
      b64(`${LEAF}${BEGIN_LINE.repeat((5 * MB) / 32)}`),
      b64(`${LEAF}${'\n'.repeat(64 * 1024 + 1 - LEAF.length)}`),
    ]) {
      const out = tlsSecretTransform(tlsSecret(crt));
      expect(factsOf(out)).toEqual(tooLarge);
      expect(JSON.stringify(out)).not.toMatch(/"data"|tls\.key/);
    }
    // Exactly 64 KiB is still inspected.
    const atLimit = b64(`${LEAF}${'\n'.repeat(64 * 1024 - LEAF.length)}`);
    expect(factsOf(tlsSecretTransform(tlsSecret(atLimit)))).toMatchObject({ chainLength: 1 });
  });

  it('says what is wrong with a Secret that has no tls.crt or no certificate in it', () => {
    expect(factsOf(tlsSecretTransform(tlsSecret(undefined)))).toEqual({ error: 'the Secret has no tls.crt' });
    expect(factsOf(tlsSecretTransform(tlsSecret(b64('hello'))))).toEqual({ error: 'tls.crt holds no PEM certificate' });
  });
});
