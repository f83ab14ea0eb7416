import 'server-only';

import { X509Certificate } from 'node:crypto';

import type { CertificateInfo } from '@/lib/k8s/kinds/tls-secrets';
import { stripObject, type KubeObject } from '@/lib/k8s/object';

// TLS Secrets arrive with their private key. On arrival we keep only the public metadata of the
// leaf certificate and drop `data` entirely: no key, no PEM, ever stored or sent on.
//
// tls.crt is attacker-controlled text: anyone who may create a Secret in one namespace writes it, and
// it is parsed for everybody's view. So (issue 11, item 4):
// - at most MAX_CRT_BYTES of it are examined; a bigger tls.crt is reported, never decoded;
// - PEM blocks are found by one forward scan with indexOf, never a regex over the text (the old
//   /BEGIN[\s\S]+?END/g took quadratic time on repeated BEGIN lines: 760 KB blocked the loop 17 s).

/** The most bytes of tls.crt inspected per Secret. A real chain is 2–6 KiB; this allows ~30 certificates. */
export const MAX_CRT_BYTES = 64 * 1024;
/** The most PEM blocks counted in one chain (the leaf is the first; the rest are only counted). */
const MAX_BLOCKS = 64;

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

export const TOO_LARGE = `certificate too large to inspect (tls.crt is over ${MAX_CRT_BYTES / 1024} KiB)`;
const NO_PEM = 'tls.crt holds no PEM certificate';

/**
 * The PEM certificate blocks of `text`, in order. Linear: each step looks for the next END after a
 * BEGIN and takes the last BEGIN before it (so stray BEGIN lines are skipped, as openssl does), then
 * continues after that END; every character is looked at a bounded number of times.
 */
export function pemCertificateBlocks(text: string, maxBlocks = MAX_BLOCKS): string[] {
  const blocks: string[] = [];
  let from = 0;
  while (blocks.length < maxBlocks) {
    const begin = text.indexOf(BEGIN, from);
    if (begin < 0) break;
    const end = text.indexOf(END, begin + BEGIN.length);
    if (end < 0) break; // unterminated: no later block can end either
    const start = text.lastIndexOf(BEGIN, end - BEGIN.length);
    if (end > start + BEGIN.length) blocks.push(text.slice(start, end + END.length));
    from = end + END.length;
  }
  return blocks;
}

export function parseChain(pem: string): CertificateInfo | { error: string } {
  const blocks = pemCertificateBlocks(pem);
  const first = blocks[0];
  if (!first) return { error: NO_PEM };
  try {
    // The leaf is the first certificate of tls.crt (RFC 5246 order); its expiry is what clients see.
    const leaf = new X509Certificate(first);
    return {
      subject: leaf.subject,
      issuer: leaf.issuer,
      serialNumber: leaf.serialNumber,
      dnsNames: (leaf.subjectAltName ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.startsWith('DNS:'))
        .map((s) => s.slice(4)),
      notBefore: new Date(leaf.validFrom).toISOString(),
      notAfter: new Date(leaf.validTo).toISOString(),
      chainLength: blocks.length,
      isCA: leaf.ca,
    };
  } catch (err) {
    return { error: `tls.crt could not be parsed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The leaf facts of a base64 `tls.crt` (as the API sends Secret data); bounded work whatever its size. */
export function certificateFromCrt(base64: string | undefined): CertificateInfo | { error: string } {
  if (base64 === undefined) return { error: 'the Secret has no tls.crt' };
  // Buffer.byteLength computes the decoded size from the length alone: the text is not decoded.
  if (Buffer.byteLength(base64, 'base64') > MAX_CRT_BYTES) return { error: TOO_LARGE };
  return parseChain(Buffer.from(base64, 'base64').toString('utf8'));
}

/**
 * A TLS Secret reduced to what may be kept: metadata (no managedFields, no last-applied-configuration,
 * which would hold the key) and `certificate`, the leaf facts. No `data`, no `stringData`.
 */
export function tlsSecretTransform(obj: KubeObject): KubeObject | undefined {
  const data = (obj as { data?: Record<string, string> }).data ?? {};
  const certificate = certificateFromCrt(data['tls.crt']);
  const {
    data: _data,
    stringData: _s,
    ...rest
  } = stripObject(obj) as KubeObject & {
    data?: unknown;
    stringData?: unknown;
  };
  return { ...rest, certificate } as KubeObject;
}
