import { X509Certificate, createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
// x509 comes through cert-chain, which loads the Reflect polyfill @peculiar/x509 needs first.
import { createCsr, days, fingerprint, generateCa, issueLeaf, splitPem, x509, type CaMaterial } from './cert-chain';

describe('cert chain generator', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  let ca: CaMaterial;
  beforeAll(async () => {
    ca = await generateCa(now);
  });

  it('makes a self-signed root valid for about ten years and an intermediate it issued', () => {
    const root = new X509Certificate(ca.rootPem);
    const inter = new X509Certificate(ca.intermediatePem);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(new Date(root.validTo).getTime()).toBe(days(3650, now).getTime());
    expect(inter.ca).toBe(true);
    expect(inter.checkIssued(root)).toBe(true);
    expect(inter.verify(root.publicKey)).toBe(true);
    expect(inter.subject).toContain('Wheelhouse Demo Intermediate CA');
  });

  it('issues a leaf with the requested SANs and validity, signed by the intermediate', async () => {
    const notBefore = new Date('2025-05-01T00:00:00Z');
    const notAfter = new Date('2025-05-27T00:00:00Z'); // already expired relative to `now`
    const leaf = await issueLeaf(ca, {
      commonName: 'shop.example.test',
      dnsNames: ['shop.example.test', 'www.shop.example.test'],
      notBefore,
      notAfter,
    });
    const cert = new X509Certificate(leaf.certPem);
    const inter = new X509Certificate(ca.intermediatePem);
    const root = new X509Certificate(ca.rootPem);
    expect(cert.subject).toBe('CN=shop.example.test');
    expect(cert.subjectAltName).toBe('DNS:shop.example.test, DNS:www.shop.example.test');
    expect(new Date(cert.validFrom).getTime()).toBe(notBefore.getTime());
    expect(new Date(cert.validTo).getTime()).toBe(notAfter.getTime());
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(inter)).toBe(true);
    expect(cert.verify(inter.publicKey)).toBe(true);
    expect(cert.verify(root.publicKey)).toBe(false);
    // The key in the Secret belongs to the certificate.
    expect(cert.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
  });

  it('makes a self-signed CSR carrying the SANs', async () => {
    const pem = await createCsr('pay.example.test', ['pay.example.test', 'www.pay.example.test']);
    const csr = new x509.Pkcs10CertificateRequest(pem);
    expect(csr.subject).toBe('CN=pay.example.test');
    expect(await csr.verify()).toBe(true);
    const san = csr.extensions.find((e) => e instanceof x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => n.value)).toEqual(['pay.example.test', 'www.pay.example.test']);
  });

  it('splits a bundle into its PEM blocks and fingerprints them stably', () => {
    const blocks = splitPem(ca.intermediatePem + ca.rootPem);
    expect(blocks).toHaveLength(2);
    expect(new X509Certificate(blocks[1] ?? '').subject).toContain('Root CA');
    expect(fingerprint(ca.rootPem)).toBe(fingerprint(`${ca.rootPem.trim()}\n\n`));
    expect(fingerprint(ca.rootPem)).not.toBe(fingerprint(ca.intermediatePem));
  });
});
