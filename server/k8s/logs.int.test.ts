import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { ClusterCache } from '@/server/k8s/cache';
import { cappedLogBody, capMarker, logQuerySchema, openPodLog } from '@/server/k8s/logs';
import { kubeConfig } from '@/local-cluster/test/kube';

// Followed logs end with a marker line at their byte or time cap (issue 11, item 6; ADR 0016),
// against the real API server and the node agent's kubelet, which writes a line every few seconds.

const settings = { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 100 };
const cache = new ClusterCache('local', kubeConfig('dashboard'), settings, () => undefined);
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
let pod = { namespace: 'shop-frontend', name: '' };

beforeAll(async () => {
  const pods = await cache.reflector(podsKind);
  expect(await pods.ready(15_000)).toBe(true);
  const running = pods.store
    .byIndex('namespace', 'shop-frontend')
    .find((p) => p.metadata.name.startsWith('storefront-') && (p.status as { phase?: string })?.phase === 'Running');
  if (!running) throw new Error('no running storefront pod');
  pod = { namespace: 'shop-frontend', name: running.metadata.name };
});

afterAll(async () => {
  await cache.stop();
});

async function follow(limits: { maxBytes: number; maxMs?: number }) {
  const controller = new AbortController();
  const query = logQuerySchema.parse({ follow: 'true', tailLines: '50' });
  const upstream = await openPodLog(cache, alice, pod, query, controller.signal);
  let released = 0;
  const body = cappedLogBody(upstream, limits, () => released++);
  const text = await new Response(body).text();
  controller.abort();
  return { text, released, upstreamDestroyed: upstream.destroyed };
}

describe('followed logs', () => {
  it('end with a marker line after the byte cap, and close the upstream request', async () => {
    const limits = { maxBytes: 200, maxMs: 60_000 };
    const { text, released, upstreamDestroyed } = await follow(limits);
    const marker = capMarker('bytes', limits);
    expect(text.endsWith(marker)).toBe(true);
    // 200 bytes of log, a line break if the cut fell inside a line, then the marker.
    expect(Buffer.byteLength(text.slice(0, text.length - marker.length).replace(/\n$/, ''))).toBeLessThanOrEqual(200);
    expect(released).toBe(1);
    expect(upstreamDestroyed).toBe(true);
  });

  it('end with a marker line after the time cap, even when nothing more is written', async () => {
    const limits = { maxBytes: 16 * 1024 * 1024, maxMs: 1_500 };
    const { text, released } = await follow(limits);
    expect(text.endsWith(capMarker('time', limits))).toBe(true);
    expect(text.length).toBeGreaterThan(capMarker('time', limits).length); // the tail came first
    expect(released).toBe(1);
  });
});
