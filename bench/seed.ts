import type { V1Deployment } from '@kubernetes/client-node';

import { clients, mergePatch, statusOf, waitFor, type Clients } from '../local-cluster/test/kube';
import type { KubeHttp } from './kube-http';
import { benchNamespaces, deploymentsPerNamespace, replicasPerDeployment, type BenchOptions } from './options';
import { pool, sleep } from './pool';

// The benchmark's objects: namespaces bench-NN, each with Deployments bench-app-NN of tiny simulated
// pods (the node agent runs them). Idempotent: existing objects are kept or resized, surplus bench
// namespaces are deleted. Everything carries the label below, which is also how cleanup finds it.

export const BENCH_LABEL = 'wheelhouse.dev/bench';
const SELECTOR = `${BENCH_LABEL}=true`;

type Log = (msg: string) => void;

export function benchDeployment(name: string, replicas: number): V1Deployment {
  const labels = { app: name, [BENCH_LABEL]: 'true' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      revisionHistoryLimit: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, annotations: { 'sim.wheelhouse.dev/ready-after': '1s' } },
        spec: {
          containers: [{ name: 'app', image: 'registry.local/bench/pause:1' }],
          terminationGracePeriodSeconds: 1,
        },
      },
    },
  };
}

async function ensureNamespace(c: Clients, name: string): Promise<void> {
  await waitFor(
    async () => {
      try {
        const ns = await c.core.readNamespace({ name });
        return ns.status?.phase !== 'Terminating';
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
        await c.core.createNamespace({ body: { metadata: { name, labels: { [BENCH_LABEL]: 'true' } } } });
        return true;
      }
    },
    300_000,
    `namespace ${name} (a previous run's may still be terminating)`,
    2000,
  );
  // v1.20's ServiceAccount admission rejects pods until the default account has its token secret.
  await waitFor(
    async () =>
      ((await c.core.readNamespacedServiceAccount({ name: 'default', namespace: name })).secrets?.length ?? 0) > 0,
    60_000,
    `default service account in ${name}`,
    250,
  );
}

async function ensureDeployment(c: Clients, namespace: string, name: string, replicas: number): Promise<void> {
  try {
    await c.apps.createNamespacedDeployment({ namespace, body: benchDeployment(name, replicas) });
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    await c.apps.patchNamespacedDeployment({ namespace, name, body: { spec: { replicas } } }, mergePatch);
  }
}

/** Creates or resizes the bench objects; returns the names of the namespaces. */
export async function seedBench(o: BenchOptions, log: Log): Promise<string[]> {
  const c = clients('admin');
  const wanted = benchNamespaces(o);
  const existing = await c.core.listNamespace({ labelSelector: SELECTOR });
  const surplus = existing.items.map((n) => n.metadata?.name ?? '').filter((n) => n && !wanted.includes(n));
  for (const name of surplus) await c.core.deleteNamespace({ name }).catch(() => undefined);
  if (surplus.length) log(`deleting ${surplus.length} surplus bench namespaces`);

  const perNs = deploymentsPerNamespace(o);
  const replicas = replicasPerDeployment(o);
  await pool(wanted, 8, async (ns) => {
    await ensureNamespace(c, ns);
    const names = Array.from({ length: perNs }, (_, i) => `bench-app-${String(i).padStart(2, '0')}`);
    await pool(names, 4, (name) => ensureDeployment(c, ns, name, replicas));
    const have = await c.apps.listNamespacedDeployment({ namespace: ns, labelSelector: SELECTOR });
    for (const d of have.items) {
      const name = d.metadata?.name ?? '';
      if (!names.includes(name)) await c.apps.deleteNamespacedDeployment({ namespace: ns, name });
    }
  });
  log(`${wanted.length} namespaces, ${o.deployments} Deployments × ${replicas} replicas in place`);
  return wanted;
}

interface PodList {
  items: { status?: { phase?: string }; metadata?: { deletionTimestamp?: string } }[];
  metadata: { continue?: string };
}

/** Bench pods by phase (paginated LIST as admin; terminating pods count as "Terminating"). */
export async function benchPodPhases(kube: KubeHttp): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  let cont = '';
  do {
    const q = new URLSearchParams({ labelSelector: SELECTOR, limit: '500', ...(cont ? { continue: cont } : {}) });
    const res = await kube.request('GET', `/api/v1/pods?${q}`);
    if (res.status !== 200) throw new Error(`listing bench pods: HTTP ${res.status}`);
    const list = JSON.parse(res.body) as PodList;
    for (const p of list.items) {
      const phase = p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown');
      phases[phase] = (phases[phase] ?? 0) + 1;
    }
    cont = list.metadata.continue ?? '';
  } while (cont);
  return phases;
}

/** Waits until exactly `o.pods` bench pods exist and all are Running, printing progress. */
export async function waitAllRunning(o: BenchOptions, kube: KubeHttp, log: Log): Promise<void> {
  const deadline = Date.now() + o.readyTimeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const phases = await benchPodPhases(kube);
    const running = phases.Running ?? 0;
    const all = Object.values(phases).reduce((a, b) => a + b, 0);
    const text = Object.entries(phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    if (text !== last) log(`pods: ${running}/${o.pods} Running (${text || 'none yet'})`);
    last = text;
    if (running === o.pods && all === o.pods) return;
    if (Date.now() > deadline) throw new Error(`bench pods not all Running after ${o.readyTimeoutSeconds} s: ${text}`);
    // Each poll is a full LIST of the bench pods: at 10k pods, every 10 s is plenty.
    await sleep(o.pods > 2000 ? 10_000 : 3000);
  }
}

/** Deletes every bench namespace and waits until they are gone. */
export async function cleanupBench(log: Log, timeoutMs = 900_000): Promise<void> {
  const c = clients('admin');
  const list = await c.core.listNamespace({ labelSelector: SELECTOR });
  const names = list.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  if (!names.length) return;
  log(`deleting ${names.length} bench namespaces`);
  await pool(names, 8, async (name) => {
    await c.core.deleteNamespace({ name }).catch((err: unknown) => {
      if (statusOf(err) !== 404) throw err;
    });
  });
  await waitFor(
    async () => {
      const left = (await c.core.listNamespace({ labelSelector: SELECTOR })).items.length;
      if (left) log(`  ${left} bench namespaces still terminating`);
      return left === 0;
    },
    timeoutMs,
    'bench namespaces to be deleted',
    5000,
  );
  log('bench namespaces deleted');
}
