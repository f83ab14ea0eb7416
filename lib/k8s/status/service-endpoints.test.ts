import { describe, expect, it } from 'vitest';

import { endpointsByPort, endpointsText, type EndpointSubset } from '@/lib/k8s/status/service-endpoints';

const subset = (ready: string[], notReady: string[], ports = [{ name: 'http', port: 8080, protocol: 'TCP' }]) => ({
  ready: ready.map((ip, i) => ({ ip, pod: `web-${i}` })),
  notReady: notReady.map((ip) => ({ ip, pod: `web-nr-${ip}` })),
  ports,
});

describe('a Service’s endpoints per port', () => {
  it('splits ready and not-ready addresses under the Service port of the same name', () => {
    const subsets: EndpointSubset[] = [subset(['10.0.0.1', '10.0.0.2'], ['10.0.0.3'])];
    const [row] = endpointsByPort([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], subsets);
    expect(row?.servicePort).toBe('http 80/TCP');
    expect(row?.ready.map((a) => a.hostPort)).toEqual(['10.0.0.1:8080', '10.0.0.2:8080']);
    expect(row?.ready[0]?.pod).toBe('web-0');
    expect(row?.notReady.map((a) => a.hostPort)).toEqual(['10.0.0.3:8080']);
  });

  it('keeps ports apart: an address serving only "metrics" is not under "http"', () => {
    const subsets = [
      subset(
        ['10.0.0.1'],
        [],
        [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      ),
    ];
    const rows = endpointsByPort(
      [
        { name: 'http', port: 80 },
        { name: 'metrics', port: 9090 },
        { name: 'grpc', port: 9000 },
      ],
      subsets,
    );
    expect(rows.map((r) => [r.servicePort, r.ready.map((a) => a.hostPort)])).toEqual([
      ['http 80/TCP', ['10.0.0.1:8080']],
      ['metrics 9090/TCP', ['10.0.0.1:9090']],
      ['grpc 9000/TCP', []],
    ]);
  });

  it('lists a portless headless Service’s addresses alone, and brackets IPv6', () => {
    const rows = endpointsByPort([], [subset(['10.0.0.9'], [], [])]);
    expect(rows).toEqual([
      { servicePort: '(no ports)', ready: [{ ip: '10.0.0.9', pod: 'web-0', hostPort: '10.0.0.9' }], notReady: [] },
    ]);
    const [v6] = endpointsByPort([{ name: 'http', port: 80 }], [subset(['fd00::1'], [])]);
    expect(v6?.ready[0]?.hostPort).toBe('[fd00::1]:8080');
  });

  it('writes kubectl’s ENDPOINTS cell: three shown, "+ N more...", <none> without ready ones', () => {
    const subsets = [subset(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'], ['10.0.0.6'])];
    expect(endpointsText(subsets)).toBe('10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...');
    expect(endpointsText([subset([], ['10.0.0.6'])])).toBe('<none>');
    expect(endpointsText([])).toBe('<none>');
  });
});
