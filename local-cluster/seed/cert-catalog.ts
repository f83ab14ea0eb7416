// The demo's certificates, one per state a certificate screen must show, and the cert-manager
// status each state implies. Pure: dates come in, objects come out.
// Status shapes and messages follow cert-manager v1 (pkg/controller/certificates/readiness,
// .../issuing, .../trigger); see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificateStatus
export type CertState = 'healthy' | 'renewing' | 'expiring' | 'expired' | 'failing' | 'mismatch';

export interface IssuerRef {
  name: string;
  kind: 'ClusterIssuer' | 'Issuer';
}

export interface CertSeed {
  namespace: string;
  name: string;
  secretName: string;
  dnsNames: string[];
  state: CertState;
  issuerRef: IssuerRef;
  durationHours: number;
  renewBeforeHours: number;
  /** The leaf in the Secret, in days from seed time. Absent: no Secret (issuance never succeeded). */
  leaf?: { notBeforeDays: number; notAfterDays: number };
}

export const CLUSTER_ISSUER: IssuerRef = { name: 'wheelhouse-demo-ca', kind: 'ClusterIssuer' };
export const ACME_ISSUER = { name: 'letsencrypt-staging', kind: 'Issuer', namespace: 'shop-backend' } as const;
/** How far the mismatch case's status runs ahead of the leaf actually stored in its Secret. */
export const MISMATCH_SHIFT_DAYS = 60;

const acme: IssuerRef = { name: ACME_ISSUER.name, kind: ACME_ISSUER.kind };
const ninetyDays = { durationHours: 2160, renewBeforeHours: 720 };

export const CERTIFICATES: readonly CertSeed[] = [
  {
    namespace: 'shop-frontend',
    name: 'storefront-tls',
    secretName: 'storefront-tls',
    dnsNames: ['shop.example.test', 'www.shop.example.test'],
    state: 'healthy',
    issuerRef: CLUSTER_ISSUER,
    ...ninetyDays,
    leaf: { notBeforeDays: -30, notAfterDays: 60 },
  },
  {
    namespace: 'shop-frontend',
    name: 'api-gateway-tls',
    secretName: 'api-gateway-tls',
    dnsNames: ['api.shop.example.test'],
    state: 'expiring',
    issuerRef: CLUSTER_ISSUER,
    // renewBefore 3 days: renewal is still two days away although expiry is five days away.
    durationHours: 2160,
    renewBeforeHours: 72,
    leaf: { notBeforeDays: -85, notAfterDays: 5 },
  },
  {
    namespace: 'shop-backend',
    name: 'checkout-tls',
    secretName: 'checkout-tls',
    dnsNames: ['checkout.shop.example.test'],
    state: 'renewing',
    issuerRef: acme,
    ...ninetyDays,
    leaf: { notBeforeDays: -65, notAfterDays: 25 },
  },
  {
    namespace: 'shop-backend',
    name: 'payments-tls',
    secretName: 'payments-tls',
    dnsNames: ['payments.shop.example.test'],
    state: 'failing',
    issuerRef: acme,
    ...ninetyDays,
  },
  {
    namespace: 'data-platform',
    name: 'query-api-tls',
    secretName: 'query-api-tls',
    dnsNames: ['query.data.example.test'],
    state: 'expired',
    issuerRef: CLUSTER_ISSUER,
    ...ninetyDays,
    leaf: { notBeforeDays: -93, notAfterDays: -3 },
  },
  {
    namespace: 'observability',
    name: 'grafana-tls',
    secretName: 'grafana-tls',
    dnsNames: ['grafana.example.test'],
    state: 'mismatch',
    issuerRef: CLUSTER_ISSUER,
    ...ninetyDays,
    // The Secret holds an older leaf (12 days left) than the one status reports (72 days left).
    leaf: { notBeforeDays: -78, notAfterDays: 12 },
  },
];

/** A TLS Secret no Certificate manages (hand-made years ago, renewed by hand once a year). */
export const UNMANAGED_TLS = {
  namespace: 'observability',
  name: 'legacy-grafana-tls',
  dnsNames: ['grafana-legacy.example.test'],
  leaf: { notBeforeDays: -345, notAfterDays: 20 },
} as const;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

const HOUR = 3_600_000;

/** Kubernetes metav1.Time: RFC 3339, whole seconds. */
export function kubeTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's time.RFC1123 in UTC, as cert-manager formats expiry in messages. */
export function rfc1123(d: Date): string {
  return d.toUTCString().replace('GMT', 'UTC');
}

/** Go's time.Time.String() in UTC. */
export function goTime(d: Date): string {
  return `${kubeTime(d).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

export const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);

export function renewalTime(seed: CertSeed, notAfter: Date): Date {
  return plus(notAfter, -seed.renewBeforeHours * HOUR);
}

/** What cert-manager's status says the current certificate is (differs from the Secret only for `mismatch`). */
export function statusValidity(seed: CertSeed, leaf: Validity): Validity {
  if (seed.state !== 'mismatch') return leaf;
  const shift = MISMATCH_SHIFT_DAYS * 24 * HOUR;
  return { notBefore: plus(leaf.notBefore, shift), notAfter: plus(leaf.notAfter, shift) };
}

function ready(status: Condition['status'], reason: string, message: string, at: Date): Condition {
  return { type: 'Ready', status, reason, message, lastTransitionTime: kubeTime(at), observedGeneration: 1 };
}

/**
 * The Certificate's status for its state. `leaf` is the certificate parsed from the Secret (absent
 * when there is none); `created` is the Certificate's creationTimestamp, so a re-run computes the
 * same timestamps and writes nothing.
 */
export function certificateStatus(
  seed: CertSeed,
  leaf: Validity | undefined,
  created: Date,
  orderReason = '',
): Record<string, unknown> {
  if (seed.state === 'failing' || !leaf) {
    const failedAt = plus(created, 90_000);
    return {
      conditions: [
        ready('False', 'DoesNotExist', 'Issuing certificate as Secret does not exist', created),
        {
          type: 'Issuing',
          status: 'False',
          reason: 'Failed',
          message: `The certificate request has failed to complete and will be retried: ${orderReason}`,
          lastTransitionTime: kubeTime(failedAt),
          observedGeneration: 1,
        },
      ],
      lastFailureTime: kubeTime(failedAt),
      failedIssuanceAttempts: 1,
    };
  }
  const v = statusValidity(seed, leaf);
  const renewal = renewalTime(seed, v.notAfter);
  const base = {
    notBefore: kubeTime(v.notBefore),
    notAfter: kubeTime(v.notAfter),
    renewalTime: kubeTime(renewal),
    revision: seed.state === 'mismatch' ? 2 : 1,
  };
  if (seed.state === 'expired') {
    return {
      ...base,
      conditions: [ready('False', 'Expired', `Certificate expired on ${rfc1123(v.notAfter)}`, v.notAfter)],
    };
  }
  const upToDate = ready('True', 'Ready', 'Certificate is up to date and has not expired', plus(v.notBefore, 30_000));
  if (seed.state === 'renewing') {
    const issuing: Condition = {
      type: 'Issuing',
      status: 'True',
      reason: 'Renewing',
      message: `Renewing certificate as renewal was scheduled at ${goTime(renewal)}`,
      lastTransitionTime: kubeTime(renewal),
      observedGeneration: 1,
    };
    return { ...base, conditions: [upToDate, issuing] };
  }
  return { ...base, conditions: [upToDate] };
}

/** Leaf validity for a seed, relative to `now`. */
export function leafValidity(offsets: { notBeforeDays: number; notAfterDays: number }, now: Date): Validity {
  return {
    notBefore: plus(now, offsets.notBeforeDays * 24 * HOUR),
    notAfter: plus(now, offsets.notAfterDays * 24 * HOUR),
  };
}
