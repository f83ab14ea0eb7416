// Certificate health across cert-manager Certificates and TLS Secrets: days left on the **leaf** the
// Secret actually serves (not the chain's root: REFERENCE.md "Certificates"), the expired / < 7 d /
// < 30 d bands, issuance failures traced CertificateRequest → Order → Challenge as cert-manager's
// `kubectl cert-manager status certificate` does
// (https://github.com/cert-manager/cmctl/blob/main/pkg/status/certificate/certificate.go), and a
// warning when the Secret's leaf and the Certificate's status disagree.

import type { ChallengeSummary, OrderSummary } from '@/lib/k8s/kinds/certificates-acme';
import type { CertificateRequestSummary, CertificateSummary, ConditionSummary } from '@/lib/k8s/kinds/certificates';
import type { IngressSummary } from '@/lib/k8s/kinds/ingresses';
import type { CertificateInfo, TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import { humanDuration } from '@/lib/format/age';

export type CertificateState = 'failing' | 'expired' | 'critical' | 'warning' | 'ok' | 'unknown';

export const STATE_LABEL: Record<CertificateState, string> = {
  failing: 'Failing',
  expired: 'Expired',
  critical: '< 7 days',
  warning: '< 30 days',
  ok: 'Valid',
  unknown: 'Unknown',
};

export interface IssuanceStep {
  kind: 'CertificateRequest' | 'Order' | 'Challenge';
  name: string;
  /** Ready condition status of a request, or the ACME state of an Order/Challenge. */
  state: string;
  reason?: string;
  message?: string;
}

export interface CertificateRow {
  /** namespace/name of the Certificate, or namespace/secret for an unmanaged Secret. */
  key: string;
  namespace: string;
  name: string;
  secretName: string;
  source: 'cert-manager' | 'secret';
  issuer?: string;
  dnsNames: string[];
  ready?: ConditionSummary;
  /** Issuing=True: a new revision is being issued (renewal or reissue). */
  renewing?: ConditionSummary;
  renewalTime?: string;
  /** After a failed issuance: when cert-manager tries again (lastFailureTime + its back-off). */
  nextRetry?: string;
  /** The leaf certificate in the Secret (public metadata only). */
  leaf?: Pick<CertificateInfo, 'subject' | 'issuer' | 'notBefore' | 'notAfter' | 'dnsNames' | 'serialNumber' | 'isCA'>;
  secretError?: string;
  /** The Certificate's status.notAfter (what cert-manager believes it issued). */
  statusNotAfter?: string;
  /** The leaf's notAfter when there is one, else the status's. */
  notAfter?: string;
  daysLeft?: number;
  state: CertificateState;
  /** One sentence saying why the state is what it is. */
  summary: string;
  warnings: string[];
  /** The CertificateRequest → Order → Challenge chain of an issuance that failed or is in progress. */
  issuance: IssuanceStep[];
  ingresses: { namespace: string; name: string; hosts: string[] }[];
}

export interface CertificateInputs {
  certificates: readonly CertificateSummary[];
  requests: readonly CertificateRequestSummary[];
  orders: readonly OrderSummary[];
  challenges: readonly ChallengeSummary[];
  secrets: readonly TlsSecretSummary[];
  ingresses: readonly IngressSummary[];
  /**
   * Namespaces whose Secrets the person may not read (and of which no derived facts were given): a
   * missing Secret there is unknown, not absent, and the expiry comes from the Certificate's status.
   */
  secretsHidden?: (namespace: string) => boolean;
}

const DAY_MS = 86_400_000;
/** Dates further apart than this are "different" (cert-manager writes seconds; clocks differ slightly). */
const SAME_DATE_MS = 60_000;

/** Whole days until `iso` (negative when past), rounded down as a person counts them. */
export function daysUntil(iso: string, now: number): number {
  return Math.floor((Date.parse(iso) - now) / DAY_MS);
}

export function stateForDays(
  daysLeft: number | undefined,
  notAfterMs: number | undefined,
  now: number,
): CertificateState {
  if (daysLeft === undefined || notAfterMs === undefined) return 'unknown';
  if (notAfterMs <= now) return 'expired';
  if (daysLeft < 7) return 'critical';
  if (daysLeft < 30) return 'warning';
  return 'ok';
}

const ns = (s: { namespace?: string }) => s.namespace ?? '';
const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

function leafOf(secret: TlsSecretSummary | undefined): CertificateRow['leaf'] {
  const c = secret?.certificate;
  if (!c) return undefined;
  return {
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    dnsNames: c.dnsNames,
    serialNumber: c.serialNumber,
    isCA: c.isCA,
  };
}

/**
 * The CertificateRequest of the Certificate's next revision and, when it has not succeeded, its Order
 * and Challenges. As cmctl's `status certificate` (findMatchingCR): the request owned by this
 * Certificate (by uid, so not one left by a deleted Certificate of the same name) whose revision
 * annotation is status.revision + 1.
 */
export function issuanceChain(
  cert: CertificateSummary,
  inputs: Pick<CertificateInputs, 'requests' | 'orders' | 'challenges'>,
): IssuanceStep[] {
  const next = (cert.revision ?? 0) + 1;
  const latest = inputs.requests.find((r) => ns(r) === ns(cert) && r.ownerUid === cert.uid && r.revision === next);
  if (!latest || latest.ready?.status === 'True') return [];
  const steps: IssuanceStep[] = [
    {
      kind: 'CertificateRequest',
      name: latest.name,
      state: latest.denied?.status === 'True' ? 'Denied' : (latest.ready?.reason ?? 'Pending'),
      reason: latest.ready?.reason,
      message: latest.denied?.message ?? latest.ready?.message,
    },
  ];
  for (const order of inputs.orders.filter((o) => o.ownerUid === latest.uid)) {
    steps.push({ kind: 'Order', name: order.name, state: order.state, reason: order.reason });
    for (const ch of inputs.challenges.filter((c) => c.ownerUid === order.uid)) {
      steps.push({ kind: 'Challenge', name: ch.name, state: ch.state, reason: ch.reason, message: ch.dnsName });
    }
  }
  return steps;
}

/** The CN of a subject as the server writes it (Node's X509Certificate.subject: "CN=…" lines). */
function commonNameOf(subject: string): string | undefined {
  return /(?:^|[\n,]\s*)CN=([^\n,]+)/.exec(subject)?.[1]?.trim();
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function formatDays(days: number): string {
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} ago`;
  return `in ${days} day${days === 1 ? '' : 's'}`;
}

/** What disagrees between the Certificate's status and the leaf its Secret serves. */
export function mismatchWarnings(cert: CertificateSummary, leaf: CertificateRow['leaf'], now: number): string[] {
  if (!leaf) return [];
  const out: string[] = [];
  if (cert.notAfter && Math.abs(Date.parse(cert.notAfter) - Date.parse(leaf.notAfter)) > SAME_DATE_MS) {
    out.push(
      `The Secret's certificate expires ${formatDays(daysUntil(leaf.notAfter, now))} (${leaf.notAfter.slice(0, 10)}), ` +
        `but the Certificate's status says ${formatDays(daysUntil(cert.notAfter, now))} (${cert.notAfter.slice(0, 10)}): ` +
        'the Secret does not hold the certificate cert-manager last issued.',
    );
  }
  // cert-manager (pkg/util/pki/match.go) treats the common name and the DNS names as one set: a CA
  // issuer may put a name only in the CN, Let's Encrypt copies the CN into the SANs.
  const asked = [...cert.dnsNames, ...(cert.commonName ? [cert.commonName] : [])];
  const leafCN = commonNameOf(leaf.subject);
  const served = [...leaf.dnsNames, ...(leafCN ? [leafCN] : [])];
  if (asked.length && !sameNames(asked, served)) {
    out.push(
      `The Secret's certificate covers ${served.join(', ') || 'no DNS names'}, ` +
        `but the Certificate asks for ${[...new Set(asked)].join(', ')}.`,
    );
  }
  return out;
}

const HOUR_MS = 3_600_000;

/**
 * When cert-manager retries a failed issuance: lastFailureTime plus 1 h for the first failure,
 * 2^(n-1) h after n failures, at most 32 h (trigger controller, shouldBackoffReissuingOnFailure).
 */
export function nextIssuanceRetry(cert: Pick<CertificateSummary, 'lastFailureTime' | 'failedIssuanceAttempts'>) {
  if (!cert.lastFailureTime) return undefined;
  const n = cert.failedIssuanceAttempts ?? 0;
  const hours = n <= 1 ? 1 : n > 6 ? 32 : 2 ** (n - 1);
  const at = Date.parse(cert.lastFailureTime) + hours * HOUR_MS;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function describe(row: Omit<CertificateRow, 'summary'>, cert?: CertificateSummary, now = 0): string {
  const ready = row.ready;
  const retry = row.nextRetry
    ? Date.parse(row.nextRetry) > now
      ? `next retry in ${humanDuration(Date.parse(row.nextRetry) - now)}`
      : 'retrying now'
    : undefined;
  if (row.state === 'failing' && row.leaf && row.daysLeft !== undefined && cert?.lastFailureTime) {
    // A renewal failed but the old certificate still serves: say so, with the retry and the time left.
    const issuing = cert.issuing;
    const why = [issuing?.reason, issuing?.message].filter(Boolean).join(': ');
    const attempt = cert.failedIssuanceAttempts ? ` (attempt ${cert.failedIssuanceAttempts})` : '';
    const left =
      row.daysLeft < 0
        ? `the current certificate expired ${formatDays(row.daysLeft)}`
        : `the current certificate expires ${formatDays(row.daysLeft)}`;
    return [`Renewal failing${attempt}${why ? ` — ${why}` : ''}`, retry, left].filter(Boolean).join('; ');
  }
  if (row.state === 'failing') {
    const why = [ready?.reason, ready?.message].filter(Boolean).join(': ');
    const text = why ? `Not issued — ${why}` : 'Not issued';
    return retry ? `${text}; ${retry}` : text;
  }
  if (row.daysLeft === undefined) return row.secretError ?? 'No certificate to read';
  const when = row.state === 'expired' ? `Expired ${formatDays(row.daysLeft)}` : `Expires ${formatDays(row.daysLeft)}`;
  if (row.renewing) return `${when}; renewal in progress (${row.renewing.reason ?? 'Issuing'})`;
  if (ready?.status === 'False') return `${when}; Ready=False ${ready.reason ?? ''}`.trim();
  return when;
}

function ingressesFor(namespace: string, secretName: string, ingresses: readonly IngressSummary[]) {
  return ingresses
    .filter((i) => ns(i) === namespace && i.tlsSecrets.includes(secretName))
    .map((i) => ({ namespace, name: i.name, hosts: i.hosts }));
}

function certificateRow(
  cert: CertificateSummary,
  secret: TlsSecretSummary | undefined,
  inputs: CertificateInputs,
  now: number,
): CertificateRow {
  const leaf = leafOf(secret);
  const notAfter = leaf?.notAfter ?? cert.notAfter;
  const daysLeft = notAfter ? daysUntil(notAfter, now) : undefined;
  const bandState = stateForDays(daysLeft, notAfter ? Date.parse(notAfter) : undefined, now);
  const hidden = !secret && (inputs.secretsHidden?.(ns(cert)) ?? false);
  // No usable certificate at all and cert-manager says it is not ready: issuance is failing. When the
  // Secret cannot be read, cert-manager's status.notAfter says whether a certificate was issued.
  const failing = !leaf && cert.ready?.status !== 'True' && !(hidden && cert.notAfter);
  // A failed issuance (cert-manager sets lastFailureTime until one succeeds) while nothing is retrying it.
  const renewalFailed = Boolean(cert.lastFailureTime) && cert.issuing?.status !== 'True';
  const base = {
    key: keyOf(ns(cert), cert.name),
    namespace: ns(cert),
    name: cert.name,
    secretName: cert.secretName,
    source: 'cert-manager' as const,
    issuer: `${cert.issuer.kind}/${cert.issuer.name}`,
    dnsNames: cert.dnsNames,
    ready: cert.ready,
    renewing: cert.issuing?.status === 'True' ? cert.issuing : undefined,
    renewalTime: cert.renewalTime,
    nextRetry: nextIssuanceRetry(cert),
    leaf,
    secretError: secret
      ? secret.error
      : hidden
        ? `You may not read Secrets in ${ns(cert)}: expiry from cert-manager's status`
        : `Secret ${cert.secretName} does not exist`,
    statusNotAfter: cert.notAfter,
    notAfter,
    daysLeft,
    state: failing || renewalFailed ? ('failing' as const) : bandState,
    warnings: mismatchWarnings(cert, leaf, now),
    issuance: issuanceChain(cert, inputs),
    ingresses: ingressesFor(ns(cert), cert.secretName, inputs.ingresses),
  };
  return { ...base, summary: describe(base, cert, now) };
}

function secretRow(secret: TlsSecretSummary, inputs: CertificateInputs, now: number): CertificateRow {
  const leaf = leafOf(secret);
  const daysLeft = leaf ? daysUntil(leaf.notAfter, now) : undefined;
  const base = {
    key: keyOf(ns(secret), secret.name),
    namespace: ns(secret),
    name: secret.name,
    secretName: secret.name,
    source: 'secret' as const,
    dnsNames: leaf?.dnsNames ?? [],
    leaf,
    secretError: secret.error,
    notAfter: leaf?.notAfter,
    daysLeft,
    state: stateForDays(daysLeft, leaf ? Date.parse(leaf.notAfter) : undefined, now),
    warnings: [] as string[],
    issuance: [] as IssuanceStep[],
    ingresses: ingressesFor(ns(secret), secret.name, inputs.ingresses),
  };
  return { ...base, summary: describe(base) };
}

const ORDER: Record<CertificateState, number> = { failing: 0, expired: 1, critical: 2, warning: 3, unknown: 4, ok: 5 };

/** Rows sorted by urgency: failing first, then by days left (fewest first), then by name. */
export function sortRows(rows: CertificateRow[]): CertificateRow[] {
  return rows.sort(
    (a, b) =>
      (a.state === 'failing' ? 0 : 1) - (b.state === 'failing' ? 0 : 1) ||
      (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
      ORDER[a.state] - ORDER[b.state] ||
      a.key.localeCompare(b.key),
  );
}

/**
 * One row per Certificate (joined with its Secret's leaf) and one per TLS Secret no Certificate
 * claims. A Secret counts as managed when a Certificate in its namespace names it as secretName, or
 * when it carries cert-manager's certificate-name annotation for a Certificate that exists.
 */
export function certificateRows(inputs: CertificateInputs, now: number): CertificateRow[] {
  const secrets = new Map(inputs.secrets.map((s) => [keyOf(ns(s), s.name), s]));
  const claimed = new Set<string>();
  const rows = inputs.certificates.map((cert) => {
    const key = keyOf(ns(cert), cert.secretName);
    claimed.add(key);
    return certificateRow(cert, secrets.get(key), inputs, now);
  });
  const certNames = new Set(inputs.certificates.map((c) => keyOf(ns(c), c.name)));
  for (const s of inputs.secrets) {
    const key = keyOf(ns(s), s.name);
    if (claimed.has(key) || (s.managedBy && certNames.has(keyOf(ns(s), s.managedBy)))) continue;
    rows.push(secretRow(s, inputs, now));
  }
  return sortRows(rows);
}
