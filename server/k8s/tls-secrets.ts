import 'server-only';

import { X509Certificate } from 'node:crypto';

import type { CertificateInfo } from '@/lib/k8s/kinds/tls-secrets';
import type { KubeObject } from '@/lib/k8s/object';

// TLS Secrets arrive with their private key. On arrival we keep only the public metadata of the
// certificate chain and drop `data` entirely: no key, no PEM, ever stored or sent on.

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function parseChain(pem: string): CertificateInfo | { error: string } {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  const first = blocks[0];
  if (!first) return { error: 'tls.crt holds no PEM certificate' };
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

/** Reflector transform for Secrets of type kubernetes.io/tls. */
export function tlsSecretTransform(obj: KubeObject): KubeObject | undefined {
  const data = (obj as { data?: Record<string, string> }).data ?? {};
  const crt = data['tls.crt'];
  const parsed = crt ? parseChain(Buffer.from(crt, 'base64').toString('utf8')) : { error: 'the Secret has no tls.crt' };
  const { data: _data, stringData: _s, ...rest } = obj as KubeObject & { data?: unknown; stringData?: unknown };
  return { ...rest, certificate: parsed } as KubeObject;
}
