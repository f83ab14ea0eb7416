// Real X.509 chains for the demo: root CA → intermediate CA → leaf, with any notBefore/notAfter
// (expired and not-yet-renewed leaves included). @peculiar/x509 over WebCrypto, because the
// openssl CLI in Debian bookworm (3.0) cannot set arbitrary validity dates.
import 'reflect-metadata'; // tsyringe (inside @peculiar/x509) needs it before the library loads
import { createHash, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface CaMaterial {
  rootPem: string;
  intermediatePem: string;
  /** PKCS#8 PEM of the intermediate's private key (signs the leaves). */
  intermediateKeyPem: string;
}

export interface LeafMaterial {
  certPem: string;
  keyPem: string;
}

export interface LeafRequest {
  commonName: string;
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
}

export const ROOT_SUBJECT = 'CN=Wheelhouse Demo Root CA, O=Wheelhouse Demo';
export const INTERMEDIATE_SUBJECT = 'CN=Wheelhouse Demo Intermediate CA, O=Wheelhouse Demo';

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return bytes.toString('hex');
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

async function importKey(keyPem: string): Promise<CryptoKey> {
  const der = createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' });
  return (await webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign'])) as CryptoKey;
}

async function caExtensions(publicKey: CryptoKey, pathLength?: number) {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
}

/** Root valid from a year ago for ~10 years; intermediate for ~5. Both start before any demo leaf. */
export async function generateCa(now = new Date()): Promise<CaMaterial> {
  const rootKeys = await keyPair();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: ROOT_SUBJECT,
    notBefore: new Date(now.getTime() - 365 * DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    keys: rootKeys,
    signingAlgorithm: ALG,
    extensions: await caExtensions(rootKeys.publicKey),
  });
  const interKeys = await keyPair();
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: INTERMEDIATE_SUBJECT,
    issuer: root.subject,
    notBefore: new Date(now.getTime() - 364 * DAY),
    notAfter: new Date(now.getTime() + 1825 * DAY),
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      ...(await caExtensions(interKeys.publicKey, 0)),
      await x509.AuthorityKeyIdentifierExtension.create(root),
    ],
  });
  return {
    rootPem: root.toString('pem') + '\n',
    intermediatePem: intermediate.toString('pem') + '\n',
    intermediateKeyPem: await exportKey(interKeys.privateKey),
  };
}

/** A server certificate for `dnsNames`, signed by the intermediate. */
export async function issueLeaf(ca: CaMaterial, req: LeafRequest): Promise<LeafMaterial> {
  const issuer = new x509.X509Certificate(ca.intermediatePem);
  const keys = await keyPair();
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${req.commonName}`,
    issuer: issuer.subject,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    publicKey: keys.publicKey,
    signingKey: await importKey(ca.intermediateKeyPem),
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(req.dnsNames.map((value) => ({ type: 'dns' as const, value }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  });
  return { certPem: leaf.toString('pem') + '\n', keyPem: await exportKey(keys.privateKey) };
}

/** A PKCS#10 request like the one cert-manager puts in a CertificateRequest (fresh key). */
export async function createCsr(commonName: string, dnsNames: string[]): Promise<string> {
  const keys = await keyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: ALG,
    extensions: [new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: 'dns' as const, value })))],
  });
  return csr.toString('pem') + '\n';
}

/** The PEM blocks of a bundle, in order. */
export function splitPem(bundle: string): string[] {
  return (
    bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)?.map((b) => b.trim() + '\n') ?? []
  );
}

/** Short, stable identity of a certificate (for cache keys). */
export function fingerprint(certPem: string): string {
  return createHash('sha256').update(certPem.trim()).digest('hex').slice(0, 16);
}

export const days = (n: number, from = new Date()): Date => new Date(from.getTime() + n * DAY);

/** A fresh private key (PKCS#8 PEM), e.g. for an ACME account. */
export async function generateKeyPem(): Promise<string> {
  return exportKey((await keyPair()).privateKey);
}
