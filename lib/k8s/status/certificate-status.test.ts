import { describe, expect, it } from 'vitest';

import type { ChallengeSummary, OrderSummary } from '@/lib/k8s/kinds/certificates-acme';
import type { CertificateRequestSummary, CertificateSummary } from '@/lib/k8s/kinds/certificates';
import type { IngressSummary } from '@/lib/k8s/kinds/ingresses';
import type { TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';

import {
  certificateRows,
  daysUntil,
  mismatchWarnings,
  stateForDays,
  type CertificateInputs,
} from './certificate-status';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const day = (d: number) => new Date(NOW + d * 86_400_000).toISOString();
const base = (namespace: string, name: string, uid = `${namespace}-${name}`) => ({
  uid,
  namespace,
  name,
  resourceVersion: '1',
  labels: {},
  createdAt: day(-100),
});

function cert(namespace: string, name: string, over: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    ...base(namespace, name),
    secretName: name,
    issuer: { kind: 'ClusterIssuer', name: 'wheelhouse-demo-ca', group: 'cert-manager.io' },
    dnsNames: [`${name}.example.test`],
    ready: { status: 'True', reason: 'Ready' },
    ...over,
  };
}

function secret(
  namespace: string,
  name: string,
  notAfter: string,
  over: Partial<TlsSecretSummary> = {},
): TlsSecretSummary {
  return {
    ...base(namespace, name, `secret-${namespace}-${name}`),
    managedBy: name,
    certificate: {
      subject: `CN=${name}.example.test`,
      issuer: 'CN=Wheelhouse Demo Intermediate CA',
      serialNumber: '01',
      dnsNames: [`${name}.example.test`],
      notBefore: day(-60),
      notAfter,
      chainLength: 2,
      isCA: false,
    },
    ...over,
  };
}

const none = { requests: [], orders: [], challenges: [], ingresses: [] };

describe('bands', () => {
  it('counts whole days and bands them as expired, < 7, < 30 and valid', () => {
    expect(daysUntil(day(5.5), NOW)).toBe(5);
    expect(daysUntil(day(-3), NOW)).toBe(-3);
    const s = (d: number) => stateForDays(daysUntil(day(d), NOW), Date.parse(day(d)), NOW);
    expect([s(-3), s(-0.1), s(5), s(6.9), s(7), s(29), s(30), s(60)]).toEqual([
      'expired',
      'expired',
      'critical',
      'critical',
      'warning',
      'warning',
      'ok',
      'ok',
    ]);
  });
});

describe('certificateRows', () => {
  it('uses the leaf in the Secret and sorts by days left', () => {
    const inputs: CertificateInputs = {
      ...none,
      certificates: [
        cert('a', 'healthy'),
        cert('a', 'expiring'),
        cert('d', 'expired', { ready: { status: 'False', reason: 'Expired' } }),
      ],
      secrets: [secret('a', 'healthy', day(60)), secret('a', 'expiring', day(5)), secret('d', 'expired', day(-3))],
    };
    const rows = certificateRows(inputs, NOW);
    expect(rows.map((r) => [r.name, r.state, r.daysLeft])).toEqual([
      ['expired', 'expired', -3],
      ['expiring', 'critical', 5],
      ['healthy', 'ok', 60],
    ]);
    expect(rows[0]?.summary).toBe('Expired 3 days ago; Ready=False Expired');
    expect(rows[1]?.summary).toBe('Expires in 5 days');
  });

  it('puts a failing issuance first with its reason and the CertificateRequest → Order → Challenge chain', () => {
    const failing = cert('b', 'payments-tls', {
      ready: { status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' },
      issuing: { status: 'False', reason: 'Failed' },
    });
    const request: CertificateRequestSummary = {
      ...base('b', 'payments-tls-lce5s'),
      certificateName: 'payments-tls',
      revision: 1,
      ready: { status: 'False', reason: 'Failed', message: 'order is in "errored" state' },
      ownerUid: failing.uid,
    };
    const order: OrderSummary = {
      ...base('b', 'payments-tls-lce5s-1'),
      state: 'errored',
      reason: 'no such host',
      dnsNames: [],
      ownerUid: request.uid,
    };
    const challenge: ChallengeSummary = {
      ...base('b', 'payments-tls-lce5s-1-2'),
      state: 'pending',
      reason: 'Waiting for HTTP-01 challenge propagation',
      dnsName: 'payments.shop.example.test',
      type: 'HTTP-01',
      processing: true,
      presented: true,
      ownerUid: order.uid,
    };
    const rows = certificateRows(
      {
        ...none,
        certificates: [cert('a', 'healthy'), failing],
        secrets: [secret('a', 'healthy', day(60))],
        requests: [request],
        orders: [order],
        challenges: [challenge],
      },
      NOW,
    );
    expect(rows[0]).toMatchObject({
      name: 'payments-tls',
      state: 'failing',
      secretError: 'Secret payments-tls does not exist',
    });
    expect(rows[0]?.summary).toBe('Not issued — DoesNotExist: Issuing certificate as Secret does not exist');
    expect(rows[0]?.issuance.map((s) => [s.kind, s.state, s.reason])).toEqual([
      ['CertificateRequest', 'Failed', 'Failed'],
      ['Order', 'errored', 'no such host'],
      ['Challenge', 'pending', 'Waiting for HTTP-01 challenge propagation'],
    ]);
  });

  it('shows a renewal in progress without calling it a failure', () => {
    const renewing = cert('b', 'checkout-tls', {
      issuing: { status: 'True', reason: 'Renewing' },
      renewalTime: day(-5),
      revision: 1,
    });
    const issued: CertificateRequestSummary = {
      ...base('b', 'checkout-tls-1'),
      certificateName: 'checkout-tls',
      revision: 1,
      ready: { status: 'True', reason: 'Issued' },
      ownerUid: renewing.uid,
    };
    const pending: CertificateRequestSummary = {
      ...base('b', 'checkout-tls-2'),
      certificateName: 'checkout-tls',
      revision: 2,
      ready: { status: 'False', reason: 'Pending' },
      ownerUid: renewing.uid,
    };
    const [row] = certificateRows(
      {
        ...none,
        certificates: [renewing],
        secrets: [secret('b', 'checkout-tls', day(25))],
        requests: [issued, pending],
      },
      NOW,
    );
    expect(row).toMatchObject({ state: 'warning', daysLeft: 25, renewing: { reason: 'Renewing' } });
    expect(row?.summary).toBe('Expires in 25 days; renewal in progress (Renewing)');
    expect(row?.issuance[0]).toMatchObject({ kind: 'CertificateRequest', name: 'checkout-tls-2', state: 'Pending' });
  });

  it('warns when the Secret’s leaf and the Certificate’s status disagree', () => {
    const c = cert('o', 'grafana-tls', { notAfter: day(72), revision: 2 });
    const [row] = certificateRows({ ...none, certificates: [c], secrets: [secret('o', 'grafana-tls', day(12))] }, NOW);
    expect(row).toMatchObject({ state: 'warning', daysLeft: 12, statusNotAfter: day(72) });
    expect(row?.warnings).toHaveLength(1);
    expect(row?.warnings[0]).toContain('expires in 12 days');
    expect(row?.warnings[0]).toContain('status says in 72 days');
    // Equal dates and names: no warning.
    expect(
      mismatchWarnings(
        cert('o', 'x', { notAfter: day(12) }),
        row?.leaf && { ...row.leaf, subject: 'CN=x.example.test', dnsNames: ['x.example.test'] },
        NOW,
      ),
    ).toEqual([]);
  });

  it('lists TLS Secrets no Certificate manages, with the Ingress hosts they serve', () => {
    const legacy = secret('o', 'legacy-grafana-tls', day(20), { managedBy: undefined });
    const ingress: IngressSummary = {
      ...base('o', 'grafana-legacy'),
      className: 'nginx',
      hosts: ['grafana-legacy.example.test'],
      hostsText: 'grafana-legacy.example.test',
      address: '',
      ports: '80, 443',
      backends: ['grafana'],
      tlsSecrets: ['legacy-grafana-tls'],
    };
    const rows = certificateRows(
      {
        ...none,
        certificates: [cert('o', 'grafana-tls')],
        secrets: [secret('o', 'grafana-tls', day(80)), legacy],
        ingresses: [ingress],
      },
      NOW,
    );
    expect(rows.map((r) => [r.name, r.source])).toEqual([
      ['legacy-grafana-tls', 'secret'],
      ['grafana-tls', 'cert-manager'],
    ]);
    expect(rows[0]).toMatchObject({
      state: 'warning',
      ingresses: [{ name: 'grafana-legacy', hosts: ['grafana-legacy.example.test'] }],
    });
  });

  it('works without cert-manager: TLS Secrets only', () => {
    const rows = certificateRows(
      { ...none, certificates: [], secrets: [secret('a', 'x', day(3), { managedBy: 'gone' })] },
      NOW,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'secret', state: 'critical' });
  });

  it('without Secret access, reads expiry from the Certificate and says why the leaf is missing (ADR 0013)', () => {
    const rows = certificateRows(
      {
        ...none,
        certificates: [
          cert('a', 'issued', { notAfter: day(20) }),
          cert('a', 'never', { ready: { status: 'False', reason: 'DoesNotExist' } }),
          cert('a', 'expired', { notAfter: day(-2), ready: { status: 'False', reason: 'Expired' } }),
        ],
        secrets: [],
        secretsHidden: (ns) => ns === 'a',
      },
      NOW,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('issued')).toMatchObject({ state: 'warning', daysLeft: 20, leaf: undefined });
    expect(byName.get('issued')?.secretError).toBe("You may not read Secrets in a: expiry from cert-manager's status");
    expect(byName.get('never')?.state).toBe('failing');
    expect(byName.get('expired')?.state).toBe('expired');
  });
});

// Fixtures as cert-manager v1.15 writes them. Names match as one set of common name and DNS names
// (cert-manager pkg/util/pki/match.go, SecretDataAltNamesMatchSpec); a failed issuance sets
// Issuing=False, lastFailureTime and failedIssuanceAttempts and backs off 1h, 2^(n-1)h, at most 32h
// (pkg/controller/certificates/trigger, shouldBackoffReissuingOnFailure); cmctl's `status certificate`
// shows the CertificateRequest for revision status.revision+1 owned by the Certificate (findMatchingCR).
describe('certificateRows on current cert-manager', () => {
  it('does not warn about a CN-only leaf from a CA issuer', () => {
    const c = cert('o', 'cn-only', { dnsNames: ['cn-only.example.test'], commonName: 'cn-only.example.test' });
    const leaf = secret('o', 'cn-only', day(60)).certificate;
    expect(mismatchWarnings(c, leaf && { ...leaf, dnsNames: [] }, NOW)).toEqual([]);
  });

  it("does not warn when Let's Encrypt copies the common name into the SANs", () => {
    const c = cert('o', 'le', { commonName: 'www.example.test', dnsNames: ['example.test'] });
    const leaf = secret('o', 'le', day(60)).certificate;
    const served = leaf && { ...leaf, subject: 'CN=www.example.test', dnsNames: ['example.test', 'www.example.test'] };
    expect(mismatchWarnings(c, served, NOW)).toEqual([]);
    // A really different name still warns.
    expect(mismatchWarnings(c, served && { ...served, dnsNames: ['other.test'] }, NOW)).toHaveLength(1);
  });

  it('shows a failed renewal while the old certificate is still valid, with the next retry and days left', () => {
    const c = cert('b', 'api-tls', {
      revision: 3,
      issuing: { status: 'False', reason: 'Failed', message: 'The certificate request has failed to complete' },
      lastFailureTime: new Date(NOW - 1_800_000).toISOString(),
      failedIssuanceAttempts: 3,
    });
    const [row] = certificateRows({ ...none, certificates: [c], secrets: [secret('b', 'api-tls', day(40))] }, NOW);
    expect(row).toMatchObject({
      state: 'failing',
      daysLeft: 40,
      nextRetry: new Date(NOW + 3.5 * 3_600_000).toISOString(),
    });
    expect(row?.summary).toBe(
      'Renewal failing (attempt 3) — Failed: The certificate request has failed to complete; ' +
        'next retry in 3h30m; the current certificate expires in 40 days',
    );
  });

  it('shows the CertificateRequest for revision status.revision+1 owned by this Certificate', () => {
    const c = cert('b', 'web-tls', { revision: 4, ready: { status: 'False', reason: 'Issuing' } });
    const req = (name: string, revision: number, ownerUid: string | undefined): CertificateRequestSummary => ({
      ...base('b', name),
      certificateName: 'web-tls',
      revision,
      ready: { status: 'False', reason: 'Pending' },
      ownerUid,
    });
    const rows = certificateRows(
      {
        ...none,
        certificates: [c],
        secrets: [secret('b', 'web-tls', day(20))],
        // A stale request from an earlier Certificate of the same name, with a higher revision.
        requests: [
          req('web-tls-old', 9, 'uid-of-a-deleted-certificate'),
          req('web-tls-5', 5, c.uid),
          req('web-tls-4', 4, c.uid),
        ],
      },
      NOW,
    );
    expect(rows[0]?.issuance.map((s) => s.name)).toEqual(['web-tls-5']);
  });
});
