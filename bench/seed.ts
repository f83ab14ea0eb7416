import type { V1Deployment } from '@kubernetes/client-node';

import { defragmentEtcd, etcdSize } from '../local-cluster/control-plane/etcd-maintenance';
import { METRICS_OFF_LABEL } from '../local-cluster/node-agent/metrics-text';
import { clients, mergePatch, statusOf, waitFor, type Clients } from '../local-cluster/test/kube';
import { kubeHttp, type KubeHttp } from './kube-http';
import {
  barePods,
  benchNamespaces,
  deploymentsPerNamespace,
  replicasPerDeployment,
  type BenchOptions,
} from './options';
import { pool, sleep } from './pool';

// The benchmark's objects: namespaces bench-NN, each with Deployments bench-app-NN of tiny simulated
// pods (the node agent runs them), and with `--seed pods` bare pods bench-pod-NNNNN POSTed straight
// to the API server and bound to the simulated nodes (spec.nodeName: the node agent runs every pod
// bound to one of its nodes, no scheduler needed). Idempotent: existing objects are kept or resized,
// surplus bench namespaces and bare pods of another scale are deleted. Everything carries the label
// below, which is also how cleanup finds it.

export const BENCH_LABEL = 'wheelhouse.dev/bench';
const SELECTOR = `${BENCH_LABEL}=true`;
/** On bare pods: the scale they were seeded for (`<pods>-<namespaces>`), so another scale's are removed. */
export const BARE_LABEL = 'wheelhouse.dev/bench-bare';
/** On failing bare pods: `crash-loop` or `image-pull`. */
export const FAULT_LABEL = 'wheelhouse.dev/bench-fault';
export type Fault = 'crash-loop' | 'image-pull';

type Log = (msg: string) => void;

export function benchDeployment(name: string, replicas: number, crashLoop = false): V1Deployment {
  const labels = { app: name, [BENCH_LABEL]: 'true' };
  const annotations: Record<string, string> = { 'sim.wheelhouse.dev/ready-after': '1s' };
  if (crashLoop) annotations['sim.wheelhouse.dev/crash-loop'] = 'true';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      revisionHistoryLimit: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, annotations },
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

export interface BarePod {
  namespace: string;
  name: string;
  node: string;
  fault?: Fault;
}

/**
 * The bare pods of a run, spread round-robin over the namespaces and the nodes: pod g goes to
 * namespaces[g % N] as bench-pod-<g div N>. The first `failing` of them (so spread over the namespaces
 * too) fail, alternately crash-looping and failing to pull their image.
 */
export function barePodPlan(
  count: number,
  namespaces: readonly string[],
  nodes: readonly string[],
  failing: number,
): BarePod[] {
  if (!namespaces.length || !nodes.length) throw new Error('bare pods need namespaces and nodes');
  return Array.from({ length: count }, (_, g) => ({
    namespace: namespaces[g % namespaces.length] as string,
    name: `bench-pod-${String(Math.floor(g / namespaces.length)).padStart(5, '0')}`,
    node: nodes[g % nodes.length] as string,
    ...(g < failing ? { fault: g % 2 === 0 ? ('crash-loop' as const) : ('image-pull' as const) } : {}),
  }));
}

export function bareScale(o: Pick<BenchOptions, 'pods' | 'namespaces'>): string {
  return `${o.pods}-${o.namespaces}`;
}

/** A bare pod as the bench POSTs it: small (no service account token volume), bound to its node. */
export function barePodBody(p: BarePod, scale: string) {
  const annotations: Record<string, string> = { 'sim.wheelhouse.dev/ready-after': '1s' };
  if (p.fault === 'crash-loop') annotations['sim.wheelhouse.dev/crash-loop'] = 'true';
  if (p.fault === 'image-pull') annotations['sim.wheelhouse.dev/image-pull'] = 'fail';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      labels: {
        app: 'bench-bare',
        [BENCH_LABEL]: 'true',
        [BARE_LABEL]: scale,
        // Filler: left out of the node agent's Prometheus text (local-cluster/node-agent/metrics-text.ts).
        [METRICS_OFF_LABEL]: 'off',
        ...(p.fault ? { [FAULT_LABEL]: p.fault } : {}),
      },
      annotations,
    },
    spec: {
      nodeName: p.node,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      containers: [{ name: 'app', image: 'registry.local/bench/pause:1' }],
      terminationGracePeriodSeconds: 1,
    },
  };
}

/** The simulated nodes (the node agent's wh-node-N, Ready). */
async function agentNodes(kube: KubeHttp): Promise<string[]> {
  const res = await kube.request('GET', '/api/v1/nodes');
  if (res.status !== 200) throw new Error(`listing nodes: HTTP ${res.status}`);
  const list = JSON.parse(res.body) as {
    items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
  };
  return list.items
    .filter((n) => n.metadata.name.startsWith('wh-node-'))
    .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => n.metadata.name)
    .sort();
}

/** POSTs the bare pods (409: already there) with `concurrency` in flight; logs the rate. */
async function seedBarePods(o: BenchOptions, namespaces: string[], kube: KubeHttp, log: Log): Promise<void> {
  const scale = bareScale(o);
  // Another scale's bare pods would not be the ones planned here: remove them first.
  await pool(namespaces, 16, async (ns) => {
    const q = new URLSearchParams({ labelSelector: `${BARE_LABEL},${BARE_LABEL}!=${scale}`, gracePeriodSeconds: '0' });
    const res = await kube.request('DELETE', `/api/v1/namespaces/${ns}/pods?${q}`);
    if (res.status !== 200)
      throw new Error(`deleting other bare pods in ${ns}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  });
  const nodes = await agentNodes(kube);
  const plan = barePodPlan(barePods(o), namespaces, nodes, o.failingPods);
  log(
    `bare pods: ${plan.length} over ${nodes.length} nodes (${o.failingPods} failing), ${o.seedConcurrency} POSTs in flight`,
  );
  const started = performance.now();
  let done = 0;
  let existed = 0;
  let lastLog = started;
  const ms: number[] = [];
  await pool(plan, o.seedConcurrency, async (p) => {
    for (let attempt = 0; ; attempt++) {
      const res = await kube.request('POST', `/api/v1/namespaces/${p.namespace}/pods`, { body: barePodBody(p, scale) });
      ms.push(res.ms);
      if (res.status === 201) break;
      if (res.status === 409) {
        existed++;
        break;
      }
      // 429 (max in-flight) and 5xx (etcd busy, timeouts) are worth another try; anything else is a bug.
      if ((res.status === 429 || res.status >= 500) && attempt < 10) {
        await sleep(500 * (attempt + 1));
        continue;
      }
      throw new Error(`creating pod ${p.namespace}/${p.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    }
    done++;
    const now = performance.now();
    if (now - lastLog > 10_000) {
      lastLog = now;
      log(`bare pods: ${done}/${plan.length} (${Math.round((done / (now - started)) * 1000)}/s)`);
    }
  });
  const s = (performance.now() - started) / 1000;
  ms.sort((a, b) => a - b);
  const q = (f: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * f))] ?? 0);
  log(
    `bare pods: ${plan.length} in ${s.toFixed(1)} s (${Math.round(plan.length / s)}/s; ${existed} existed); ` +
      `POST p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
  );
}

async function ensureDeployment(
  c: Clients,
  namespace: string,
  name: string,
  replicas: number,
  crashLoop = false,
): Promise<void> {
  try {
    await c.apps.createNamespacedDeployment({ namespace, body: benchDeployment(name, replicas, crashLoop) });
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    await c.apps.patchNamespacedDeployment({ namespace, name, body: { spec: { replicas } } }, mergePatch);
  }
}

/**
 * Creates or resizes the bench objects; returns the names of the namespaces. With `--seed pods`, also
 * the bare pods (through `kube`, or a keep-alive client of its own).
 */
export async function seedBench(o: BenchOptions, log: Log, kube?: KubeHttp): Promise<string[]> {
  await compactEtcdFile(log);
  const c = clients('admin');
  const wanted = benchNamespaces(o);
  const existing = await c.core.listNamespace({ labelSelector: SELECTOR });
  // Only the bench's own naming: another tool's namespace that happens to carry the label stays.
  const surplus = existing.items
    .map((n) => n.metadata?.name ?? '')
    .filter((n) => /^bench-\d+$/.test(n) && !wanted.includes(n));
  for (const name of surplus) await c.core.deleteNamespace({ name }).catch(() => undefined);
  if (surplus.length) log(`deleting ${surplus.length} surplus bench namespaces`);

  const perNs = deploymentsPerNamespace(o);
  const replicas = replicasPerDeployment(o);
  const started = performance.now();
  await pool(wanted, o.namespaces >= 100 ? 32 : 8, async (ns, nsIndex) => {
    await ensureNamespace(c, ns);
    const names = Array.from({ length: perNs }, (_, i) => `bench-app-${String(i).padStart(2, '0')}`);
    // With failing bare pods, every 100th Deployment crash-loops too: stuck rollouts for the Overview.
    const stuck = (i: number) => o.failingPods > 0 && (nsIndex * perNs + i) % 100 === 0;
    await pool(names, 4, (name, i) => ensureDeployment(c, ns, name, replicas, stuck(i)));
    const have = await c.apps.listNamespacedDeployment({ namespace: ns, labelSelector: SELECTOR });
    for (const d of have.items) {
      const name = d.metadata?.name ?? '';
      if (!names.includes(name)) await c.apps.deleteNamespacedDeployment({ namespace: ns, name });
    }
  });
  log(
    `${wanted.length} namespaces, ${o.deployments} Deployments × ${replicas} replicas in place ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (o.seed === 'pods') {
    const own = kube ?? kubeHttp('admin');
    try {
      await seedBarePods(o, wanted, own, log);
    } finally {
      if (!kube) own.close();
    }
  }
  return wanted;
}

const MiB = 1024 * 1024;
/** Free pages etcd may keep before the bench defragments it: previous runs' deleted pods. */
const ETCD_FREE_LIMIT = 256 * MiB;

/**
 * Gives etcd's free pages back before seeding: a database file holding earlier runs' deleted pods
 * made pod creation three to four times slower (local-cluster/control-plane/etcd-maintenance.ts).
 */
async function compactEtcdFile(log: Log): Promise<void> {
  const size = await etcdSize().catch(() => undefined);
  if (!size || size.dbSize - size.dbSizeInUse < ETCD_FREE_LIMIT) return;
  const d = await defragmentEtcd();
  const mib = (n: number) => `${(n / MiB).toFixed(0)} MiB`;
  log(`etcd defragmented: ${mib(d.before.dbSize)} → ${mib(d.after.dbSize)} in ${(d.ms / 1000).toFixed(1)} s`);
}

interface PodList {
  items: {
    status?: { phase?: string };
    metadata?: { namespace?: string; deletionTimestamp?: string; labels?: Record<string, string> };
  }[];
  metadata: { continue?: string };
}

/** The phase key a bench pod counts under; bare pods failing their image pull on purpose are "PullFailing". */
export function phaseKey(p: PodList['items'][number]): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  const phase = p.status?.phase ?? 'Unknown';
  return phase === 'Pending' && p.metadata?.labels?.[FAULT_LABEL] === 'image-pull' ? 'PullFailing' : phase;
}

/** Pods that are where the seed meant them to be: Running, or failing their image pull on purpose. */
export function settledPods(phases: Record<string, number>): number {
  return (phases.Running ?? 0) + (phases.PullFailing ?? 0);
}

/** Bench pods by phase (paginated LIST as admin; terminating pods count as "Terminating", see phaseKey). */
export async function benchPodPhases(
  kube: KubeHttp,
  pageSize = 500,
  /** Count only pods in these namespaces (others' bench-labelled pods elsewhere are not this run's). */
  namespaces?: ReadonlySet<string>,
): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  let cont = '';
  do {
    const q = new URLSearchParams({
      labelSelector: SELECTOR,
      limit: String(pageSize),
      ...(cont ? { continue: cont } : {}),
    });
    const res = await kube.request('GET', `/api/v1/pods?${q}`);
    if (res.status !== 200) throw new Error(`listing bench pods: HTTP ${res.status}`);
    const list = JSON.parse(res.body) as PodList;
    for (const p of list.items) {
      if (namespaces && !namespaces.has(p.metadata?.namespace ?? '')) continue;
      const phase = phaseKey(p);
      phases[phase] = (phases[phase] ?? 0) + 1;
    }
    cont = list.metadata.continue ?? '';
  } while (cont);
  return phases;
}

/** Seconds between two polls of waitAllRunning: each is a full paginated LIST of the bench pods. */
export function pollSeconds(pods: number): number {
  return pods > 20_000 ? 20 : pods > 2000 ? 10 : 3;
}

/**
 * Waits until exactly `o.pods` bench pods exist and all are settled (Running, or failing their image
 * pull on purpose), printing progress. Polls with a paginated LIST (pages of 1,000 from 20k pods on)
 * every pollSeconds: at 100k pods, 100 pages every 20 s.
 */
export async function waitAllRunning(o: BenchOptions, kube: KubeHttp, log: Log): Promise<void> {
  const deadline = Date.now() + o.readyTimeoutSeconds * 1000;
  let last = '';
  const mine = new Set(benchNamespaces(o));
  for (;;) {
    const phases = await benchPodPhases(kube, o.pods > 20_000 ? 1000 : 500, mine);
    const running = settledPods(phases);
    const all = Object.values(phases).reduce((a, b) => a + b, 0);
    const text = Object.entries(phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    if (text !== last) log(`pods: ${running}/${o.pods} settled (${text || 'none yet'})`);
    last = text;
    if (running === o.pods && all === o.pods) return;
    if (Date.now() > deadline) throw new Error(`bench pods not all Running after ${o.readyTimeoutSeconds} s: ${text}`);
    await sleep(pollSeconds(o.pods) * 1000);
  }
}

/**
 * Deletes every bench namespace and waits until they are gone. Each namespace is deleted first (so no
 * controller makes new pods in it), then its pods with one DELETE collection at grace 0: they go at
 * once, instead of each being marked terminating and deleted one by one by the node agent after its
 * grace period (at 100k pods, that one-by-one path is what takes the time).
 */
export async function cleanupBench(log: Log, timeoutMs = 1_800_000): Promise<void> {
  const c = clients('admin');
  const list = await c.core.listNamespace({ labelSelector: SELECTOR });
  const names = list.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  if (!names.length) return;
  const started = performance.now();
  log(`deleting ${names.length} bench namespaces`);
  const kube = kubeHttp('admin', 300_000);
  try {
    await pool(names, names.length >= 100 ? 16 : 8, async (name) => {
      await c.core.deleteNamespace({ name }).catch((err: unknown) => {
        if (statusOf(err) !== 404) throw err;
      });
      const res = await kube.request('DELETE', `/api/v1/namespaces/${name}/pods?gracePeriodSeconds=0`);
      if (res.status !== 200 && res.status !== 404) log(`  deleting the pods of ${name}: HTTP ${res.status}`);
    });
  } finally {
    kube.close();
  }
  log(`  delete requests sent in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await waitFor(
    async () => {
      const left = (await c.core.listNamespace({ labelSelector: SELECTOR })).items.length;
      if (left) log(`  ${left} bench namespaces still terminating`);
      return left === 0;
    },
    timeoutMs,
    'bench namespaces to be deleted',
    names.length >= 100 ? 10_000 : 5000,
  );
  log(`bench namespaces deleted (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
