import 'server-only';

import type { EvictionPlan } from '@/lib/k8s/drain';
import type { DrainJobView, DrainPodProgress } from '@/lib/k8s/node-actions';
import { auditStore } from '@/server/audit/store';
import type { AuditAttempt } from '@/server/audit/types';
import type { UserKube } from '@/server/k8s/actions/user-kube';
import { KubeError } from '@/server/k8s/errors';
import { logger } from '@/server/observability/log';

// One drain = one in-process job on the replica that started it (ADR 0025). It evicts the node's
// pods AS THE PERSON through the Eviction API, in the preview's order: a 429 is a PodDisruptionBudget
// refusing for now, retried with back-off until the budget allows (a replacement became Ready
// elsewhere); an accepted eviction is followed until the pod is gone. The audit log gets one entry
// for the run: recorded when it starts (pending) and completed with the summary when it ends.

const log = logger('drain');

const TICK_MS = 1000;
const BACKOFF_MS = [2000, 4000, 8000, 10_000];
const DEADLINE_MS = 30 * 60_000;
const KEEP_FINISHED = 50;

interface PodState extends DrainPodProgress {
  uid?: string;
  /** Budgets covering it (from the preview), to name the one refusing an eviction. */
  pdbs: string[];
  nextTryAt: number;
}

interface Job {
  cluster: string;
  view: DrainJobView;
  pods: PodState[];
  stop?: string;
  done: Promise<void>;
}

type Holder = typeof globalThis & { __wheelhouseDrainJobs?: Map<string, Job> };

function jobs(): Map<string, Job> {
  const g = globalThis as Holder;
  g.__wheelhouseDrainJobs ??= new Map();
  return g.__wheelhouseDrainJobs;
}

export interface StartDrain {
  id: string;
  kube: UserKube;
  node: string;
  user: string;
  /** The audit attempt of the drain (request id, who, reason); params are filled in here. */
  attempt: AuditAttempt;
  evictionVersion: string;
  plan: (EvictionPlan & { uid?: string })[];
  /** For tests: the delays. */
  tickMs?: number;
}

/** The running drain of a node on this replica, if any. */
export function runningDrain(cluster: string, node: string): DrainJobView | undefined {
  return [...jobs().values()].find((j) => j.cluster === cluster && j.view.node === node && j.view.state === 'running')
    ?.view;
}

/** The latest drain of a node started on this replica. */
export function latestDrain(cluster: string, node: string): DrainJobView | undefined {
  const of = [...jobs().values()].filter((j) => j.cluster === cluster && j.view.node === node);
  return of.at(-1) ? snapshot(of.at(-1)!) : undefined;
}

export function drainJob(id: string): { cluster: string; view: DrainJobView } | undefined {
  const job = jobs().get(id);
  return job ? { cluster: job.cluster, view: snapshot(job) } : undefined;
}

/** Asks a running drain to stop after the request in flight; answers false when it is not running. */
export function stopDrain(id: string, by: string): boolean {
  const job = jobs().get(id);
  if (!job || job.view.state !== 'running') return false;
  job.stop = by;
  return true;
}

/** Waits for a drain to end (tests). */
export async function drainFinished(id: string): Promise<DrainJobView | undefined> {
  const job = jobs().get(id);
  if (!job) return undefined;
  await job.done;
  return snapshot(job);
}

function snapshot(job: Job): DrainJobView {
  return {
    ...job.view,
    pods: job.pods.map(({ uid: _uid, nextTryAt: _next, pdbs: _pdbs, ...p }) => ({ ...p })),
    summary: job.view.state === 'running' ? progressSentence(job) : job.view.summary,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function progressSentence(job: Job): string {
  const count = (s: DrainPodProgress['state']) => job.pods.filter((p) => p.state === s).length;
  const waiting = count('waiting');
  return (
    `${count('evicted')} of ${plural(job.pods.length, 'pod')} evicted` +
    (count('terminating') ? `, ${count('terminating')} terminating` : '') +
    (waiting ? `, ${waiting} waiting for a PodDisruptionBudget` : '')
  );
}

function seconds(from: string, to: string): string {
  const s = Math.round((Date.parse(to) - Date.parse(from)) / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

function endSentence(job: Job): string {
  const v = job.view;
  const evicted = job.pods.filter((p) => p.state === 'evicted').length;
  const waited = job.pods.filter((p) => p.attempts > 1 && p.state === 'evicted').length;
  const failed = job.pods.filter((p) => p.state === 'failed');
  const terminating = job.pods.filter((p) => p.state === 'terminating').length;
  const took = seconds(v.startedAt, v.finishedAt ?? new Date().toISOString());
  const waitedText = waited ? ` (${plural(waited, 'pod')} waited for a PodDisruptionBudget)` : '';
  switch (v.state) {
    case 'completed':
      return `Drained ${v.node}: ${plural(evicted, 'pod')} evicted in ${took}${waitedText}; it stays cordoned until uncordoned.`;
    case 'stopped':
      return `Drain of ${v.node} stopped by ${v.stoppedBy} after ${took}: ${evicted} of ${plural(job.pods.length, 'pod')} evicted${terminating ? `, ${terminating} terminating` : ''}; the node stays cordoned.`;
    default: {
      const why = failed.map((p) => `${p.namespace}/${p.name}: ${p.message ?? 'failed'}`).join('; ');
      return `Drain of ${v.node} did not complete after ${took}: ${evicted} of ${plural(job.pods.length, 'pod')} evicted${why ? `; ${why}` : ''}.`;
    }
  }
}

export async function startDrain(s: StartDrain): Promise<DrainJobView> {
  if (runningDrain(s.kube.cluster, s.node)) throw new Error(`${s.node} is already being drained`);
  const store = await auditStore();
  const now = new Date().toISOString();
  const pods: PodState[] = s.plan.map((p) => ({
    namespace: p.namespace,
    name: p.name,
    order: p.order,
    uid: p.uid,
    pdbs: p.pdbs,
    state: p.multiplePdbs ? 'failed' : 'pending',
    message: p.multiplePdbs
      ? `covered by several PodDisruptionBudgets (${p.pdbs.join(', ')}): the eviction API refuses it`
      : undefined,
    attempts: 0,
    nextTryAt: 0,
  }));
  const auditId = await store.recordAttempt({
    ...s.attempt,
    params: { evict: { from: null, to: pods.map((p) => `${p.namespace}/${p.name}`) }, eviction: s.evictionVersion },
  });
  const job: Job = {
    cluster: s.kube.cluster,
    pods,
    view: {
      id: s.id,
      node: s.node,
      user: s.user,
      startedAt: now,
      state: 'running',
      evictionVersion: s.evictionVersion,
      pods: [],
      summary: '',
    },
    done: Promise.resolve(),
  };
  const all = jobs();
  all.set(s.id, job);
  // Keep the map small: forget the oldest finished drains.
  const finished = [...all.values()].filter((j) => j.view.state !== 'running');
  for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) all.delete(old.view.id);

  job.done = run(job, s).then(async () => {
    job.view.finishedAt = new Date().toISOString();
    job.view.summary = endSentence(job);
    const result = job.view.state === 'completed' ? 'ok' : 'failed';
    try {
      await store.recordOutcome(auditId, { result, message: job.view.summary, status: null });
    } catch (err) {
      log.error({ err, id: s.id }, 'could not record how the drain ended');
    }
  });
  return snapshot(job);
}

async function run(job: Job, s: StartDrain): Promise<void> {
  const tick = s.tickMs ?? TICK_MS;
  const deadline = Date.now() + DEADLINE_MS;
  try {
    for (;;) {
      if (job.stop) {
        job.view.state = 'stopped';
        job.view.stoppedBy = job.stop;
        return;
      }
      const now = Date.now();
      for (const pod of job.pods) {
        if (job.stop) break;
        if ((pod.state === 'pending' || pod.state === 'waiting') && pod.nextTryAt <= now) await evict(job, s, pod);
        else if (pod.state === 'terminating') await follow(s, pod);
      }
      if (job.pods.every((p) => p.state === 'evicted' || p.state === 'failed')) {
        job.view.state = job.pods.some((p) => p.state === 'failed') ? 'failed' : 'completed';
        return;
      }
      if (Date.now() > deadline) {
        for (const p of job.pods)
          if (p.state !== 'evicted' && p.state !== 'failed') {
            p.message = `still ${p.state} after ${DEADLINE_MS / 60_000} min${p.message ? ` (${p.message})` : ''}`;
            p.state = 'failed';
          }
        job.view.state = 'failed';
        return;
      }
      await new Promise((r) => setTimeout(r, tick));
    }
  } catch (err) {
    log.error({ err, id: s.id }, 'drain failed unexpectedly');
    job.view.state = 'failed';
  }
}

function podPath(p: { namespace: string; name: string }): string {
  return `/api/v1/namespaces/${encodeURIComponent(p.namespace)}/pods/${encodeURIComponent(p.name)}`;
}

async function evict(job: Job, s: StartDrain, pod: PodState): Promise<void> {
  pod.attempts++;
  try {
    await s.kube.request({
      method: 'POST',
      path: `${podPath(pod)}/eviction`,
      body: {
        apiVersion: s.evictionVersion,
        kind: 'Eviction',
        metadata: { name: pod.name, namespace: pod.namespace },
        ...(pod.uid ? { deleteOptions: { preconditions: { uid: pod.uid } } } : {}),
      },
    });
    pod.state = 'terminating';
    pod.message = undefined;
    pod.evictedAt = new Date().toISOString();
  } catch (err) {
    const status = err instanceof KubeError ? err.status : undefined;
    const message = err instanceof Error ? err.message : String(err);
    if (status === 429) {
      // Blocked by a PodDisruptionBudget (or the API server's throttling): wait and retry.
      pod.state = 'waiting';
      pod.message = pod.pdbs.length
        ? `PodDisruptionBudget ${pod.pdbs.join(', ')} allows no disruption now (429): retrying until a replacement is Ready`
        : `${message}: retrying`;
      pod.nextTryAt = Date.now() + BACKOFF_MS[Math.min(pod.attempts - 1, BACKOFF_MS.length - 1)]!;
    } else if (status === 404 || (status === 409 && pod.uid)) {
      // Gone already (or replaced by a pod of the same name: the one we meant is gone).
      pod.state = 'evicted';
      pod.goneAt = new Date().toISOString();
    } else {
      pod.state = 'failed';
      pod.message = message;
      log.warn({ id: job.view.id, pod: `${pod.namespace}/${pod.name}`, status }, 'eviction failed');
    }
  }
}

async function follow(s: StartDrain, pod: PodState): Promise<void> {
  try {
    const current = await s.kube.request<{ metadata: { uid?: string } }>({ method: 'GET', path: podPath(pod) });
    if (pod.uid && current.metadata.uid !== pod.uid) {
      pod.state = 'evicted';
      pod.goneAt = new Date().toISOString();
    }
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) {
      pod.state = 'evicted';
      pod.goneAt = new Date().toISOString();
    }
    // Anything else: look again next tick.
  }
}
