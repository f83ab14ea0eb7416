import { afterAll, describe, expect, it } from 'vitest';

import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { ClusterCache } from '@/server/k8s/cache';
import { KubeError } from '@/server/k8s/errors';
import { listQuerySchema } from '@/server/k8s/list-query';
import { readPodLog } from '@/server/k8s/logs';
import { getForUser } from '@/server/k8s/objects';
import { listForUser } from '@/server/k8s/resources';
import { kubeConfig } from '@/local-cluster/test/kube';

// getForUser and pod logs against the real local cluster and its seed (local-cluster/seed/README.md):
// alice (operators) reads everything, bob (developers) only shop-frontend and shop-backend.

const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };

afterAll(async () => {
  await cache.stop();
});

async function rejection(p: Promise<unknown>): Promise<KubeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof KubeError)) throw new Error(`expected a KubeError, got ${String(err)}`);
  return err;
}

async function firstPod(namespace: string, labelSelector: string) {
  const page = await listForUser(
    cache,
    alice,
    podsKind,
    listQuerySchema.parse({ namespaces: [namespace], labelSelector }),
  );
  const pod = page.items.find((p) => p.status === 'Running');
  if (!pod) throw new Error(`no running pod in ${namespace} for ${labelSelector}`);
  return pod;
}

describe('getForUser', () => {
  it('serves the stuck payments Deployment to alice from the cache, without managedFields', async () => {
    const { object, summary } = await getForUser(cache, alice, deploymentsKind, 'shop-backend', 'payments');
    expect(summary.name).toBe('payments');
    expect(summary.strategy).toMatchObject({ maxSurge: 1, maxUnavailable: 0 });
    expect(summary.progressDeadlineSeconds).toBe(60);
    expect(object.metadata.name).toBe('payments');
    expect(object).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect('managedFields' in object.metadata).toBe(false);
    expect(object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('lets bob read shop objects but answers 403 in data-platform, whether or not the object exists', async () => {
    const mine = await getForUser(cache, bob, deploymentsKind, 'shop-frontend', 'storefront');
    expect(mine.summary.namespace).toBe('shop-frontend');
    const denied = await rejection(getForUser(cache, bob, deploymentsKind, 'data-platform', 'ingest'));
    expect(denied.kind).toBe('forbidden');
    expect(denied.status).toBe(403);
    const missing = await rejection(getForUser(cache, bob, deploymentsKind, 'data-platform', 'no-such-thing'));
    expect(missing.status).toBe(403);
  });

  it('answers 404 for a missing object the person could read', async () => {
    const err = await rejection(getForUser(cache, alice, deploymentsKind, 'shop-backend', 'no-such-deployment'));
    expect(err.kind).toBe('not-found');
    expect(err.status).toBe(404);
  });
});

describe('getForUser for a pod (cached compact, read whole as the person: ADR 0027)', () => {
  it('serves the whole live pod, while the cache holds the compact one with the same summary', async () => {
    const listed = await firstPod('shop-frontend', '');
    const { object, summary } = await getForUser(cache, bob, podsKind, 'shop-frontend', listed.name);
    expect(object).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: listed.name } });
    expect('managedFields' in object.metadata).toBe(false);
    // What the compact pod drops is there: the container's full spec, the pod's QoS, its host.
    const spec = object.spec as { containers: { terminationMessagePath?: string }[]; dnsPolicy?: string };
    expect(spec.dnsPolicy).toBeDefined();
    expect(spec.containers[0]?.terminationMessagePath).toBeDefined();
    expect((object.status as { qosClass?: string }).qosClass).toBeDefined();
    expect({ ...summary, resourceVersion: '' }).toEqual({ ...listed, resourceVersion: '' });
    const cached = (await cache.reflector(podsKind)).store.get(`shop-frontend/${listed.name}`);
    expect((cached?.spec as { dnsPolicy?: string }).dnsPolicy).toBeUndefined();
  });

  it('answers bob 403 in data-platform, whether or not the pod exists, and 404 for a missing pod he may read', async () => {
    const other = await firstPod('data-platform', '');
    expect((await rejection(getForUser(cache, bob, podsKind, 'data-platform', other.name))).status).toBe(403);
    expect((await rejection(getForUser(cache, bob, podsKind, 'data-platform', 'no-such-pod'))).status).toBe(403);
    const missing = await rejection(getForUser(cache, bob, podsKind, 'shop-frontend', 'no-such-pod'));
    expect([missing.kind, missing.status]).toEqual(['not-found', 404]);
  });
});

describe('pod logs (impersonated pods/log, served by the node agent)', () => {
  it('gives alice the logs of a data-platform pod, hostile lines included as plain text', async () => {
    const pod = await firstPod('data-platform', 'app=ingest');
    const text = await readPodLog(
      cache,
      alice,
      { namespace: 'data-platform', name: pod.name },
      {
        previous: false,
        follow: false,
        timestamps: false,
      },
    );
    expect(text).toContain(`starting ingest`);
    expect(text).toContain('<script>alert("xss")</script>');
  });

  it('refuses bob the logs of a data-platform pod (403 from the API server)', async () => {
    const pod = await firstPod('data-platform', 'app=ingest');
    const err = await rejection(
      readPodLog(
        cache,
        bob,
        { namespace: 'data-platform', name: pod.name },
        { previous: false, follow: false, timestamps: false },
      ),
    );
    expect(err.kind).toBe('forbidden');
    expect(err.status).toBe(403);
  });

  it('serves the previous instance of the crash-looping payments container', async () => {
    const page = await listForUser(
      cache,
      alice,
      podsKind,
      listQuerySchema.parse({ namespaces: ['shop-backend'], labelSelector: 'app=payments' }),
    );
    const crashing = page.items.find((p) => p.restarts > 0);
    if (!crashing) throw new Error('the seeded payments rollout has no restarted pod');
    const text = await readPodLog(
      cache,
      alice,
      { namespace: 'shop-backend', name: crashing.name },
      {
        previous: true,
        follow: false,
        timestamps: false,
      },
    );
    expect(text).toMatch(/exiting with code 1\n$/);
  });
});
