import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import packageJson from '@/package.json';
import { clients, createNamespace, deleteNamespace, kubeConfig } from '@/local-cluster/test/kube';
import { nameCredential, USER_AGENT } from '@/server/k8s/agents';
import { kubeJson } from '@/server/k8s/transport';
import { metricsRegistry } from '@/server/observability/metrics';

// Connections to the real API server: kept alive across requests (client-node 1.4 alone opens a new
// TLS connection per call), and every request says who it is — as the API server records it.

const admin = clients('admin');
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(admin, 'h5-transport');
});
afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

async function openedFor(cluster: string): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric('wheelhouse_k8s_connections_opened_total')?.get();
  return metric?.values.find((v) => v.labels.cluster === cluster)?.value ?? 0;
}

/** Local ports of the sockets that carried finished responses: one per TCP connection used. */
function watchLocalPorts(): { ports: Set<number>; stop: () => void } {
  const ports = new Set<number>();
  const onFinish = (message: unknown) => {
    const { response } = message as { response: IncomingMessage };
    if (response.socket?.remotePort === 6443 && response.socket.localPort) ports.add(response.socket.localPort);
  };
  subscribe('http.client.response.finish', onFinish);
  return { ports, stop: () => unsubscribe('http.client.response.finish', onFinish) };
}

describe('transport to the API server', () => {
  it('sends 20 sequential requests over one or two kept-alive connections, not 20', async () => {
    const kc = kubeConfig('dashboard');
    nameCredential(kc, 'h5-keepalive');
    const before = await openedFor('h5-keepalive');
    const seen = watchLocalPorts();
    try {
      for (let i = 0; i < 20; i++) {
        await kubeJson(kc, { path: '/api/v1/namespaces', query: { limit: 5 }, timeoutMs: 10_000 });
      }
    } finally {
      seen.stop();
    }
    const opened = (await openedFor('h5-keepalive')) - before;
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(opened).toBeLessThanOrEqual(2);
    expect(seen.ports.size).toBeGreaterThanOrEqual(1);
    expect(seen.ports.size).toBeLessThanOrEqual(2);
  });

  it('identifies itself as wheelhouse/<version>, on the wire and as the API server records it', async () => {
    expect(USER_AGENT).toBe(`wheelhouse/${packageJson.version}`);
    const sent: string[] = [];
    const onStart = (message: unknown) => {
      const { request } = message as { request: ClientRequest };
      if (request.path.includes(`/namespaces/${ns}/`)) sent.push(String(request.getHeader('user-agent')));
    };
    subscribe('http.client.request.start', onStart);
    try {
      // No fieldManager parameter: the API server then names the field manager after the User-Agent
      // (the part before "/"), so managedFields show what it received.
      await kubeJson(kubeConfig('admin'), {
        method: 'POST',
        path: `/api/v1/namespaces/${ns}/configmaps`,
        body: { metadata: { name: 'ua' }, data: { a: '1' } },
        timeoutMs: 10_000,
      });
    } finally {
      unsubscribe('http.client.request.start', onStart);
    }
    expect(sent).toEqual([USER_AGENT]);
    const stored = await admin.core.readNamespacedConfigMap({ name: 'ua', namespace: ns });
    expect(stored.metadata?.managedFields?.map((f) => f.manager)).toEqual(['wheelhouse']);
  });
});
