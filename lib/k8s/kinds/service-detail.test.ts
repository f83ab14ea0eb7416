import { describe, expect, it } from 'vitest';

import { serviceFacts, servicePortsTable } from '@/lib/k8s/kinds/service-detail';

const meta = { namespace: 'shop', name: 'web' };
const fact = (facts: ReturnType<typeof serviceFacts>, label: string) => facts.find((f) => f.label === label);

describe('Service detail facts', () => {
  it('a ClusterIP Service: type, cluster IPs (dual-stack), selector, session affinity with its timeout', () => {
    const facts = serviceFacts({
      metadata: meta,
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10', 'fd00::10'],
        selector: { app: 'web', tier: 'front' },
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      },
    });
    expect(fact(facts, 'Type')?.value).toBe('ClusterIP');
    expect(fact(facts, 'Cluster IPs')?.value).toBe('10.96.0.10, fd00::10');
    expect(fact(facts, 'Selector')?.value).toBe('app=web,tier=front');
    expect(fact(facts, 'Session affinity')?.value).toBe('ClientIP (10800 s)');
    expect(fact(facts, 'External traffic policy')).toBeUndefined();
  });

  it('explains headless and ExternalName Services', () => {
    const headless = serviceFacts({ metadata: meta, spec: { clusterIP: 'None', selector: { app: 'db' } } });
    expect(fact(headless, 'Cluster IP')?.value).toBe('None (headless)');
    expect(fact(headless, 'Cluster IP')?.hint).toMatch(/DNS answers with the ready pods/);
    const alias = serviceFacts({ metadata: meta, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(fact(alias, 'External name')?.value).toBe('db.example.com');
    expect(fact(alias, 'Cluster IP')).toBeUndefined();
  });

  it('a LoadBalancer without an address is <pending>; with one, its addresses and node ports', () => {
    const spec = {
      type: 'LoadBalancer',
      clusterIP: '10.96.1.1',
      selector: { app: 'web' },
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 31443 }],
    };
    const pending = serviceFacts({ metadata: meta, spec });
    expect(fact(pending, 'Load balancer ingress')).toMatchObject({ value: '<pending>', tone: 'amber' });
    expect(fact(pending, 'Node ports')?.value).toBe('31443/TCP');
    expect(fact(pending, 'External traffic policy')?.hint).toMatch(/client address is kept/);
    const ready = serviceFacts({
      metadata: meta,
      spec,
      status: { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }, { ip: '203.0.113.7' }] } },
    });
    expect(fact(ready, 'Load balancer ingress')?.value).toBe('203.0.113.7, lb.example.com');
  });

  it('says a Service without a selector has hand-managed endpoints', () => {
    expect(fact(serviceFacts({ metadata: meta, spec: { clusterIP: '10.96.0.2' } }), 'Selector')?.value).toMatch(
      /managed by hand/,
    );
  });

  it('lists ports with target and node ports, defaulting targetPort to port', () => {
    const t = servicePortsTable({
      type: 'NodePort',
      ports: [
        { name: 'http', port: 80, targetPort: 'web', protocol: 'TCP', nodePort: 30080 },
        { port: 53, protocol: 'UDP' },
      ],
    });
    expect(t.columns).toEqual(['Name', 'Port', 'Target port', 'Protocol', 'Node port']);
    expect(t.rows).toEqual([
      ['http', '80', 'web', 'TCP', '30080'],
      ['<unset>', '53', '53', 'UDP', ''],
    ]);
  });
});
