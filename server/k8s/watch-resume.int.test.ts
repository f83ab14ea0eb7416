import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { servicesKind } from '@/lib/k8s/kinds/services';
import { restartApiServer, up } from '@/local-cluster/control-plane/up';
import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  kubeConfig,
  mergePatch,
  waitFor,
} from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';
import { clusterHealth } from '@/server/k8s/cluster-health';
import { listQuerySchema } from '@/server/k8s/list-query';
import type { Reflector } from '@/server/k8s/reflector';
import { listForUser } from '@/server/k8s/resources';
import { StreamHub, type StreamMessage } from '@/server/k8s/stream-hub';

// Restarts ONLY the local kube-apiserver (etcd keeps its data) under a shared cache holding
// reflectors for several kinds. Every reflector must resume on its own, without a relist storm: at
// most one LIST per kind after the restart, and each extra LIST must be a 410 relist (the new API
// server's watch cache starts at the current revision, so an older resourceVersion may be "too old";
// a watch resumed from a resourceVersion it still holds needs no LIST at all). While it is down,
// lists keep their last-known objects marked stale, and the cluster reports itself unreachable.
// This takes the API server down for everyone for ~10 s: it is one test, run sparingly.

const admin = clients('admin');
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const kinds: KindDescriptor[] = [namespacesKind, deploymentsKind, servicesKind, podsKind];
const query = listQuerySchema.parse({ limit: 1000 });
let ns = '';

const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  {
    requestTimeoutMs: 5_000,
    pageSize: 500,
    idleMs: 600_000,
    accessTtlMs: 2_000,
    accessMaxEntries: 1000,
    accessStaleIfErrorMs: 600_000,
  },
  () => undefined,
);

beforeAll(async () => {
  ns = await createNamespace(admin, 'resume');
});

afterAll(async () => {
  await cache.stop();
  // Whatever happened above, leave the cluster running for everyone else.
  await up(() => undefined);
  await deleteNamespace(admin, ns);
}, 180_000);

describe('watch resume after the API server restarts', () => {
  it('resumes every reflector with at most one relist per kind, serving stale data meanwhile', async () => {
    const reflectors = new Map<string, Reflector>();
    for (const kind of kinds) {
      const r = await cache.reflector(kind);
      expect(await r.ready(30_000)).toBe(true);
      reflectors.set(kind.id, r);
    }
    for (const r of reflectors.values()) expect(r.stats.lists).toBe(1);
    // Warm alice's access answers, as a page view would have.
    const before = await listForUser(cache, alice, podsKind, query);
    expect(before.items.length).toBeGreaterThan(0);
    expect((await clusterHealth({ name: 'local' }, alice)).reachable).toBe(true);

    // A live stream on pods hears the shared watch go stale and come back.
    const hub = new StreamHub();
    const messages: StreamMessage[] = [];
    const closeStream = await hub.open({
      who: alice,
      subscriptions: [{ cluster: 'local', kind: 'pods' }],
      cacheFor: (name) => (name === 'local' ? cache : undefined),
      send: (m) => messages.push(m),
    });
    const states = () => messages.flatMap((m) => (m.event === 'state' ? [m.data.cache.state] : []));

    let sawStale: Awaited<ReturnType<typeof listForUser>> | undefined;
    let sawUnreachable: Awaited<ReturnType<typeof clusterHealth>> | undefined;
    let restarting = true;
    const restart = restartApiServer({ downMs: 7_000 }).finally(() => (restarting = false));
    while (restarting && (!sawStale || !sawUnreachable)) {
      const page = await listForUser(cache, alice, podsKind, query);
      if (page.cache.state === 'stale') sawStale ??= page;
      const health = await clusterHealth({ name: 'local' }, alice);
      if (!health.reachable) sawUnreachable ??= health;
      await new Promise((r) => setTimeout(r, 250));
    }
    await restart;

    // During the outage: the last-known objects, marked stale with the reason; a clear message.
    expect(sawStale?.items.length).toBe(before.items.length);
    expect(sawStale?.cache.error).toBeTruthy();
    expect(sawUnreachable?.error?.kind).toBe('unreachable');
    expect(sawUnreachable?.error?.message).toMatch(/Cannot reach cluster local at https:\/\/127\.0\.0\.1:6443/);
    expect(sawUnreachable?.lastContactAt).toBeTruthy();

    // After: a change made now arrives through every kind's watch.
    await admin.core.patchNamespace({ name: ns, body: { metadata: { labels: { resumed: 'yes' } } } }, mergePatch);
    await admin.apps.createNamespacedDeployment({ namespace: ns, body: deployment('after-restart', { replicas: 1 }) });
    await admin.core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'after-restart' },
        spec: { selector: { app: 'after-restart' }, ports: [{ port: 80 }] },
      },
    });
    const has = (
      id: string,
      key: (o: { metadata: { name: string; namespace?: string; labels?: Record<string, string> } }) => boolean,
    ) => [...(reflectors.get(id)?.store.values() ?? [])].some((o) => key(o as never));
    await waitFor(
      () => has('namespaces', (o) => o.metadata.name === ns && o.metadata.labels?.resumed === 'yes'),
      60_000,
      'the namespace change',
      200,
    );
    await waitFor(
      () => has('deployments', (o) => o.metadata.namespace === ns && o.metadata.name === 'after-restart'),
      60_000,
      'the new Deployment',
      200,
    );
    await waitFor(
      () => has('services', (o) => o.metadata.namespace === ns && o.metadata.name === 'after-restart'),
      60_000,
      'the new Service',
      200,
    );
    await waitFor(() => has('pods', (o) => o.metadata.namespace === ns), 90_000, 'the new Deployment’s pod', 500);

    await waitFor(() => states().at(-1) === 'ready', 10_000, 'the stream to hear the watch is back', 100);
    closeStream();
    expect(states()).toContain('stale');

    const stats = [...reflectors].map(
      ([id, r]) => `${id}: ${r.stats.lists} lists, ${r.stats.relists} relists, ${r.stats.watches} watches`,
    );
    console.info(`[watch-resume] ${stats.join('; ')}`);
    for (const [id, r] of reflectors) {
      expect(r.state, id).toBe('ready');
      expect(r.stats.lists - 1, `${id}: LISTs after the restart`).toBeLessThanOrEqual(1);
      expect(r.stats.lists - 1, `${id}: every extra LIST is a 410 relist`).toBe(r.stats.relists);
      expect(r.stats.watches, `${id}: the watch was re-opened`).toBeGreaterThanOrEqual(2);
    }
    expect((await clusterHealth({ name: 'local' }, alice)).reachable).toBe(true);
  });
});
