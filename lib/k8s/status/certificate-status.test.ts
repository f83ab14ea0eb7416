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
    });
    const issued: CertificateRequestSummary = {
      ...base('b', 'checkout-tls-1'),
      certificateName: 'checkout-tls',
      revision: 1,
      ready: { status: 'True', reason: 'Issued' },
    };
    const pending: CertificateRequestSummary = {
      ...base('b', 'checkout-tls-2'),
      certificateName: 'checkout-tls',
      revision: 2,
      ready: { status: 'False', reason: 'Pending' },
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
        row?.leaf && { ...row.leaf, dnsNames: ['x.example.test'] },
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
