import { describe, expect, it } from 'vitest';

import { defaultBackend, ingressFacts, ingressRoutes } from '@/lib/k8s/kinds/ingress-detail';

describe('Ingress routes and facts', () => {
  it('lists host → path (pathType) → Service:port, host-less rules as "*"', () => {
    const routes = ingressRoutes({
      rules: [
        {
          host: 'shop.example.test',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'http' } } } },
            ],
          },
        },
        { http: { paths: [{ backend: { resource: { kind: 'StorageBucket', name: 'assets' } } }] } },
      ],
    });
    expect(routes).toEqual([
      { host: 'shop.example.test', path: '/', pathType: 'Prefix', backend: { service: 'web', port: '80' } },
      { host: 'shop.example.test', path: '/api', pathType: 'Exact', backend: { service: 'api', port: 'http' } },
      { host: '*', path: '/', pathType: 'ImplementationSpecific', backend: { resource: 'StorageBucket/assets' } },
    ]);
  });

  it('reads v1beta1 backends and the default backend', () => {
    const spec = {
      backend: { serviceName: 'fallback', servicePort: 8080 },
      rules: [{ host: 'a.test', http: { paths: [{ path: '/x', backend: { serviceName: 'x', servicePort: 'web' } }] } }],
    };
    expect(ingressRoutes(spec)[0]?.backend).toEqual({ service: 'x', port: 'web' });
    expect(defaultBackend(spec)).toEqual({ service: 'fallback', port: '8080' });
  });

  it('facts: class (or the deprecated annotation, or none), address, default backend, TLS count', () => {
    const facts = ingressFacts({
      metadata: { name: 'i', annotations: { 'kubernetes.io/ingress.class': 'traefik' } },
      spec: { tls: [{ secretName: 's' }] },
      status: { loadBalancer: { ingress: [{ ip: '198.51.100.4' }] } },
    });
    expect(facts.map((f) => [f.label, f.value])).toEqual([
      ['Class', 'traefik (annotation)'],
      ['Address', '198.51.100.4'],
      ['Default backend', '<none>'],
      ['TLS', '1 certificate'],
    ]);
    const bare = ingressFacts({ metadata: { name: 'i' }, spec: { ingressClassName: 'nginx' } });
    expect(bare.find((f) => f.label === 'TLS')).toMatchObject({ value: 'none: plain HTTP only', tone: 'amber' });
    expect(bare.find((f) => f.label === 'Address')?.value).toBe('none yet');
  });
});
