import { byName, defaultSearchText, type BaseSummary, type KindDescriptor, withBase } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** Public metadata of a TLS Secret's leaf certificate; the server drops keys and PEM on arrival. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  dnsNames: string[];
  notBefore: string;
  notAfter: string;
  chainLength: number;
  isCA: boolean;
}

export interface TlsSecretSummary extends BaseSummary {
  certificate?: CertificateInfo;
  error?: string;
  /** cert-manager's `cert-manager.io/certificate-name` annotation, when it manages the Secret. */
  managedBy?: string;
}

export const tlsSecretsKind: KindDescriptor<TlsSecretSummary> = {
  id: 'tls-secrets',
  title: 'TLS Secrets',
  kind: 'Secret',
  group: '',
  versions: ['v1'],
  plural: 'secrets',
  namespaced: true,
  fieldSelector: 'type=kubernetes.io/tls',
  indexes: [],
  // A TLS Secret (its labels, annotations, name) goes only to those who may list Secrets in its
  // namespace: may-read-Ingresses let anyone see Secret metadata past RBAC (issue 11, item 7). Others
  // get derived certificate facts through the Certificates or Ingresses they may read (ADR 0013).
  accessResource: [{ group: '', resource: 'secrets' }],
  toSummary(obj: KubeObject): TlsSecretSummary {
    const cert = (obj as { certificate?: CertificateInfo | { error: string } }).certificate;
    const managedBy = obj.metadata.annotations?.['cert-manager.io/certificate-name'];
    const base = withBase(obj, { managedBy });
    if (!cert) return { ...base, error: 'not parsed' };
    return 'error' in cert ? { ...base, error: cert.error } : { ...base, certificate: cert };
  },
  searchText: (s) => `${defaultSearchText(s)} ${(s.certificate?.dnsNames ?? []).join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    expiry: (a, b) => (a.certificate?.notAfter ?? '').localeCompare(b.certificate?.notAfter ?? '') || byName(a, b),
  },
  defaultSort: 'expiry',
};
