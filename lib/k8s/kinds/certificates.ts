import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

// cert-manager's Certificate and CertificateRequest (cert-manager.io/v1), read only when the cluster
// serves the group (discovery). Field meanings: https://cert-manager.io/docs/reference/api-docs/
// Summaries carry conditions and dates only: a CertificateRequest's CSR and issued PEM stay on the server.

export interface ConditionSummary {
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface CertificateSummary extends BaseSummary {
  secretName: string;
  issuer: { kind: string; name: string; group: string };
  /** spec.commonName (cert-manager matches it together with the DNS names). */
  commonName?: string;
  dnsNames: string[];
  ready?: ConditionSummary;
  issuing?: ConditionSummary;
  notBefore?: string;
  notAfter?: string;
  renewalTime?: string;
  revision?: number;
  lastFailureTime?: string;
  failedIssuanceAttempts?: number;
}

export interface CertificateRequestSummary extends BaseSummary {
  /** The Certificate it was made for (annotation cert-manager.io/certificate-name). */
  certificateName?: string;
  /** The Certificate revision it would produce (annotation cert-manager.io/certificate-revision). */
  revision?: number;
  ready?: ConditionSummary;
  approved?: ConditionSummary;
  denied?: ConditionSummary;
  failureTime?: string;
  ownerUid?: string;
}

interface RawCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function conditionOf(conditions: unknown, type: string): ConditionSummary | undefined {
  if (!Array.isArray(conditions)) return undefined;
  const c = (conditions as RawCondition[]).find((x) => x.type === type);
  if (!c) return undefined;
  const status = c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
  return { status, reason: c.reason, message: c.message, lastTransitionTime: c.lastTransitionTime };
}

const CERT_NAME = 'cert-manager.io/certificate-name';
const CERT_REVISION = 'cert-manager.io/certificate-revision';

type CertificateObject = KubeObject & {
  spec?: {
    secretName?: string;
    commonName?: string;
    dnsNames?: string[];
    issuerRef?: { kind?: string; name?: string; group?: string };
  };
  status?: {
    conditions?: unknown;
    notBefore?: string;
    notAfter?: string;
    renewalTime?: string;
    revision?: number;
    lastFailureTime?: string;
    failedIssuanceAttempts?: number;
  };
};

const readyTone = (s: { ready?: ConditionSummary }) =>
  s.ready?.status === 'True' ? 'green' : s.ready?.status === 'False' ? 'red' : 'slate';

export const certificatesKind: KindDescriptor<CertificateSummary> = {
  id: 'certificates',
  title: 'Certificates',
  kind: 'Certificate',
  group: 'cert-manager.io',
  versions: ['v1'],
  plural: 'certificates',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): CertificateSummary {
    const c = obj as CertificateObject;
    const dnsNames = c.spec?.dnsNames ?? (c.spec?.commonName ? [c.spec.commonName] : []);
    const st = c.status;
    return withBase(obj, {
      secretName: c.spec?.secretName ?? '',
      issuer: {
        kind: c.spec?.issuerRef?.kind ?? 'Issuer',
        name: c.spec?.issuerRef?.name ?? '',
        group: c.spec?.issuerRef?.group ?? 'cert-manager.io',
      },
      commonName: c.spec?.commonName,
      dnsNames,
      ready: conditionOf(st?.conditions, 'Ready'),
      issuing: conditionOf(st?.conditions, 'Issuing'),
      notBefore: st?.notBefore,
      notAfter: st?.notAfter,
      renewalTime: st?.renewalTime,
      revision: st?.revision,
      lastFailureTime: st?.lastFailureTime,
      failedIssuanceAttempts: st?.failedIssuanceAttempts,
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.secretName} ${s.dnsNames.join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    expiry: (a, b) => (a.notAfter ?? '').localeCompare(b.notAfter ?? '') || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'ready', title: 'Ready', cell: 'badge', value: (s) => s.ready?.status ?? 'Unknown', tone: readyTone },
    { id: 'secret', title: 'Secret', cell: 'mono', value: (s) => s.secretName },
    { id: 'notAfter', title: 'Expires', cell: 'text', value: (s) => s.notAfter?.slice(0, 10), sort: 'expiry' },
    ageColumn,
  ],
};

type RequestObject = KubeObject & {
  status?: { conditions?: unknown; failureTime?: string };
};

export const certificateRequestsKind: KindDescriptor<CertificateRequestSummary> = {
  id: 'certificaterequests',
  title: 'CertificateRequests',
  kind: 'CertificateRequest',
  group: 'cert-manager.io',
  versions: ['v1'],
  plural: 'certificaterequests',
  namespaced: true,
  indexes: ['owner'],
  toSummary(obj: KubeObject): CertificateRequestSummary {
    const r = obj as RequestObject;
    const annotations = obj.metadata.annotations ?? {};
    const revision = Number(annotations[CERT_REVISION]);
    return withBase(obj, {
      certificateName: annotations[CERT_NAME],
      revision: Number.isInteger(revision) && revision > 0 ? revision : undefined,
      ready: conditionOf(r.status?.conditions, 'Ready'),
      approved: conditionOf(r.status?.conditions, 'Approved'),
      denied: conditionOf(r.status?.conditions, 'Denied'),
      failureTime: r.status?.failureTime,
      ownerUid: obj.metadata.ownerReferences?.find((o) => o.controller)?.uid,
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.certificateName ?? ''}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'ready', title: 'Ready', cell: 'badge', value: (s) => s.ready?.status ?? 'Unknown', tone: readyTone },
    { id: 'certificate', title: 'Certificate', cell: 'mono', value: (s) => s.certificateName },
    { id: 'revision', title: 'Revision', cell: 'number', value: (s) => s.revision },
    ageColumn,
  ],
};
