import { describe, expect, it } from 'vitest';

import { ingressesKind } from '@/lib/k8s/kinds/ingresses';
import { networkPoliciesKind } from '@/lib/k8s/kinds/networkpolicies';
import { servicesKind } from '@/lib/k8s/kinds/services';
import type { KubeObject } from '@/lib/k8s/object';

// Expectations from kubectl's printIngress (formatHosts, ingressLoadBalancerStatusStringer) and
// printService (getServiceExternalIP, loadBalancerStatusStringer, makePortString) in
// kubernetes/kubernetes pkg/printers/internalversion/printers.go, v1.31.
const meta = { uid: 'u', name: 'x', namespace: 'ns', resourceVersion: '1' };
const col = <S>(cols: readonly { id: string; value(s: S): unknown }[] | undefined, id: string, s: S) =>
  cols?.find((c) => c.id === id)?.value(s);

const ingress = (spec: unknown, status: unknown = {}, annotations: Record<string, string> = {}) =>
  ingressesKind.toSummary({ metadata: { ...meta, annotations }, spec, status } as unknown as KubeObject);
const ing = (id: string, s: ReturnType<typeof ingress>) => col(ingressesKind.columns, id, s);

describe('Ingress columns (printIngress, v1.31)', () => {
  it('HOSTS omits host-less rules, prints * only when no rule has a host', () => {
    const s = ingress({ rules: [{ http: {} }, { host: 'a.example' }, { http: {} }, { host: 'b.example' }] });
    expect(ing('hosts', s)).toBe('a.example,b.example');
    expect(ing('hosts', ingress({ rules: [{ http: {} }, { http: {} }] }))).toBe('*');
    expect(ing('hosts', ingress({ defaultBackend: { service: { name: 'web' } } }))).toBe('*');
  });

  it('HOSTS shows three hosts then "+ N more..." counted over all rules, as kubectl', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.example` }));
    expect(ing('hosts', ingress({ rules }))).toBe('a.example,b.example,c.example + 2 more...');
  });

  it('CLASS is spec.ingressClassName or <none>, never the deprecated annotation', () => {
    const s = ingress({}, {}, { 'kubernetes.io/ingress.class': 'nginx' });
    expect(ing('class', s)).toBe('<none>');
    expect(ing('class', ingress({ ingressClassName: 'traefik' }))).toBe('traefik');
  });

  it('ADDRESS is de-duplicated and sorted, IP before hostname per entry', () => {
    const s = ingress(
      {},
      {
        loadBalancer: {
          ingress: [{ ip: '10.0.0.9' }, { hostname: 'lb.example' }, { ip: '10.0.0.10' }, { ip: '10.0.0.9' }],
        },
      },
    );
    expect(ing('address', s)).toBe('10.0.0.10,10.0.0.9,lb.example');
  });
});

const service = (spec: unknown, status: unknown = {}) =>
  servicesKind.toSummary({ metadata: meta, spec, status } as unknown as KubeObject);
const svc = (id: string, s: ReturnType<typeof service>) => col(servicesKind.columns, id, s);

describe('Service columns (printService, v1.31)', () => {
  it('a LoadBalancer without an address yet is <pending>', () => {
    const s = service({ type: 'LoadBalancer', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] });
    expect(svc('external-ip', s)).toBe('<pending>');
  });

  it("EXTERNAL-IP lists the load balancer's addresses (sorted) before spec.externalIPs", () => {
    const s = service(
      { type: 'LoadBalancer', externalIPs: ['192.0.2.7'] },
      { loadBalancer: { ingress: [{ ip: '198.51.100.9' }, { ip: '198.51.100.10' }] } },
    );
    expect(svc('external-ip', s)).toBe('198.51.100.10,198.51.100.9,192.0.2.7');
  });

  it('ClusterIP and NodePort show only spec.externalIPs; ExternalName shows the name', () => {
    expect(svc('external-ip', service({ type: 'ClusterIP', clusterIPs: ['10.96.0.1'] }))).toBe('<none>');
    expect(svc('external-ip', service({ type: 'NodePort', externalIPs: ['192.0.2.1'] }))).toBe('192.0.2.1');
    const ext = service({ type: 'ExternalName', externalName: 'db.example' });
    expect([svc('external-ip', ext), svc('cluster-ip', ext)]).toEqual(['db.example', '<none>']);
  });
});

describe('NetworkPolicy columns (printNetworkPolicy, v1.31)', () => {
  const policy = (podSelector: unknown) =>
    networkPoliciesKind.toSummary({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: { podSelector, policyTypes: ['Ingress'] },
    } as unknown as KubeObject);
  const np = (s: ReturnType<typeof policy>) => col(networkPoliciesKind.columns, 'pod-selector', s);

  it('POD-SELECTOR is the selector as FormatLabelSelector writes it, <none> for the empty one', () => {
    expect(np(policy({ matchLabels: { app: 'web' } }))).toBe('app=web');
    expect(np(policy({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }))).toBe(
      'tier in (api,web)',
    );
    // The API server writes `podSelector: {}` for a policy over every pod of the namespace.
    expect(np(policy({}))).toBe('<none>');
  });
});
