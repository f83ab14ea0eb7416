import { describe, expect, it } from 'vitest';

import type { CertificateSummary } from '@/lib/k8s/kinds/certificates';
import type { IngressSummary } from '@/lib/k8s/kinds/ingresses';
import type { TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import { ingressTlsStates } from '@/lib/k8s/status/ingress-tls';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const base = (name: string) => ({ uid: name, namespace: 'shop', name, resourceVersion: '1', labels: {} });

const ingress: IngressSummary = {
  ...base('web'),
  className: 'nginx',
  hosts: ['shop.test'],
  hostsText: 'shop.test',
  address: '',
  ports: '80, 443',
  backends: ['web'],
  tlsSecrets: ['web-tls', 'legacy-tls', 'gone-tls'],
};

const leaf = (name: string, days: number): TlsSecretSummary => ({
  ...base(name),
  certificate: {
    subject: 'CN=shop.test',
    issuer: 'CN=ca',
    serialNumber: '1',
    dnsNames: ['shop.test'],
    notBefore: new Date(NOW - 30 * DAY).toISOString(),
    notAfter: new Date(NOW + days * DAY + 3_600_000).toISOString(),
    chainLength: 2,
    isCA: false,
  },
});

const cert = (name: string, secretName: string, ready: 'True' | 'False', notAfter?: string): CertificateSummary => ({
  ...base(name),
  secretName,
  issuer: { kind: 'ClusterIssuer', name: 'ca', group: 'cert-manager.io' },
  dnsNames: ['shop.test'],
  ready: { status: ready, reason: ready === 'True' ? 'Ready' : 'Failed', message: 'issuer unreachable' },
  notAfter,
});

const tls = [
  { hosts: ['shop.test'], secretName: 'web-tls' },
  { hosts: ['old.shop.test'], secretName: 'legacy-tls' },
  { hosts: ['gone.shop.test'], secretName: 'gone-tls' },
];

describe('an Ingress’s TLS certificates', () => {
  it('days left on the Secret’s leaf, cert-manager or not; a missing Secret is failing', () => {
    const states = ingressTlsStates(
      ingress,
      tls,
      {
        certificates: [cert('web', 'web-tls', 'True')],
        secrets: [leaf('web-tls', 74), leaf('legacy-tls', 5)],
        secretsHidden: false,
      },
      NOW,
    );
    expect(states.map((s) => [s.secretName, s.state, s.summary, s.certificate])).toEqual([
      ['web-tls', 'ok', 'Expires in 74 days', 'web'],
      ['legacy-tls', 'critical', 'Expires in 5 days', undefined],
      [
        'gone-tls',
        'failing',
        'Secret gone-tls does not exist: the controller serves its default certificate',
        undefined,
      ],
    ]);
  });

  it('when Secrets are hidden from the person: cert-manager’s status, else unknown', () => {
    const notAfter = new Date(NOW + 40 * DAY + 3_600_000).toISOString();
    const states = ingressTlsStates(
      ingress,
      tls.slice(0, 2),
      { certificates: [cert('web', 'web-tls', 'True', notAfter)], secrets: [], secretsHidden: true },
      NOW,
    );
    expect(states[0]).toMatchObject({ state: 'ok', daysLeft: 40 });
    expect(states[1]).toMatchObject({ state: 'unknown' });
    expect(states[1]?.summary).toMatch(/may not read Secrets in shop/);
  });

  it('a Certificate that was never issued is failing with its reason', () => {
    const [state] = ingressTlsStates(
      ingress,
      tls.slice(0, 1),
      { certificates: [cert('web', 'web-tls', 'False')], secrets: [], secretsHidden: false },
      NOW,
    );
    expect(state).toMatchObject({ state: 'failing' });
    expect(state?.summary).toMatch(/^Not issued — Failed: issuer unreachable/);
  });
});
