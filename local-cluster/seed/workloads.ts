// Applies the workload catalog with a real rollout history: create at revision 1, then patch the
// pod template revision by revision, waiting each time until the controller has recorded the new
// template (a ReplicaSet for Deployments, a ControllerRevision for StatefulSets and DaemonSets).
// Patching faster than the controller syncs would fold several templates into one revision.
import { PatchStrategy } from '@kubernetes/client-node';
import { ensure, FIELD_MANAGER, isStatus, ownedBy, readObject, toPlain, waitFor, type Kube, type Obj } from './kube';
import { WORKLOADS, type WorkloadSeed } from './workload-catalog';
import { hpaObject, imageAt, revisionPatch, workloadAt } from './workload-objects';

export interface WorkloadOptions {
  /** Wait (bounded) for each rollout to finish before the next revision; off when no node is Ready. */
  waitForRollouts: boolean;
  rolloutTimeoutMs?: number;
}

interface Templated {
  metadata?: { ownerReferences?: Array<{ uid: string }> };
  spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } };
}

function firstImage(obj: Templated | undefined): string | undefined {
  return obj?.spec?.template?.spec?.containers?.[0]?.image;
}

/** Images of every template the controller has recorded for this workload, oldest revision first. */
async function historyImages(kube: Kube, w: WorkloadSeed, uid: string): Promise<string[]> {
  const labelSelector = `app=${w.name}`;
  if (w.kind === 'Deployment') {
    const list = await kube.apps.listNamespacedReplicaSet({ namespace: w.namespace, labelSelector });
    return list.items
      .filter((rs) => ownedBy(rs, uid))
      .sort((a, b) => revisionOf(a.metadata?.annotations) - revisionOf(b.metadata?.annotations))
      .map((rs) => firstImage(rs as Templated) ?? '');
  }
  const list = await kube.apps.listNamespacedControllerRevision({ namespace: w.namespace, labelSelector });
  return list.items
    .filter((cr) => ownedBy(cr, uid))
    .sort((a, b) => a.revision - b.revision)
    .map((cr) => firstImage(toPlain(cr.data) as Templated) ?? '');
}

function revisionOf(annotations: Record<string, string> | undefined): number {
  return Number(annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

interface RolloutStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  desiredNumberScheduled?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
}

/** kubectl rollout status, condensed (kubectl/pkg/polymorphichelpers/rollout_status.go). */
export function rolloutComplete(kind: WorkloadSeed['kind'], live: Obj): boolean {
  const generation = (live.metadata as { generation?: number } | undefined)?.generation ?? 0;
  const spec = (live.spec ?? {}) as { replicas?: number };
  const s = (live.status ?? {}) as RolloutStatus;
  if ((s.observedGeneration ?? 0) < generation) return false;
  const want = spec.replicas ?? 1;
  if (kind === 'Deployment') {
    return s.updatedReplicas === want && s.availableReplicas === want && s.replicas === want;
  }
  if (kind === 'StatefulSet') return s.updateRevision === s.currentRevision && s.readyReplicas === want;
  return s.updatedNumberScheduled === s.desiredNumberScheduled && s.numberAvailable === s.desiredNumberScheduled;
}

async function seedWorkload(kube: Kube, w: WorkloadSeed, opts: WorkloadOptions): Promise<void> {
  const id = `${w.kind.toLowerCase()} ${w.namespace}/${w.name}`;
  const { obj } = await ensure(kube, workloadAt(w, 0), { patch: false });
  const uid = obj.metadata?.uid ?? '';
  const wanted = w.revisions.map((_, i) => imageAt(w, i));
  const recorded = await historyImages(kube, w, uid);
  if (wanted.every((img) => recorded.includes(img))) return; // history complete: leave it (and any rollback) alone

  const current = wanted.indexOf(firstImage(obj as Templated) ?? '');
  if (current < 0) {
    kube.log(`  ${id}: template changed outside the seed; leaving its history as it is`);
    return;
  }
  for (let i = current; i < wanted.length; i++) {
    const image = wanted[i] ?? '';
    await waitFor(
      `${id} to record revision ${i + 1} (${image})`,
      async () => ((await historyImages(kube, w, uid)).includes(image) ? true : undefined),
      { timeoutMs: 60_000 },
    );
    if (i === wanted.length - 1) break;
    if (opts.waitForRollouts) {
      const done = await waitFor(
        `${id} rollout`,
        async () => {
          const live = await readObject(kube, obj);
          return live && rolloutComplete(w.kind, toPlain(live)) ? true : undefined;
        },
        { timeoutMs: opts.rolloutTimeoutMs ?? 120_000, intervalMs: 1000, soft: true },
      );
      if (!done) kube.log(`  ${id}: revision ${i + 1} still rolling out; moving on`);
    }
    await kube.objects.patch(
      revisionPatch(w, i + 1),
      undefined,
      undefined,
      FIELD_MANAGER,
      undefined,
      PatchStrategy.MergePatch,
    );
    kube.log(`  ${id}: revision ${i + 2} (${wanted[i + 1]})`);
  }
}

/** True when at least one node reports Ready (pods can run, so rollouts can finish). */
export async function anyNodeReady(kube: Kube): Promise<boolean> {
  try {
    const nodes = await kube.core.listNode();
    return nodes.items.some((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  } catch (err) {
    if (isStatus(err, 403)) return false;
    throw err;
  }
}

export async function seedWorkloads(kube: Kube, opts: WorkloadOptions): Promise<void> {
  kube.log(`workloads (${WORKLOADS.length}; waiting for rollouts: ${opts.waitForRollouts ? 'yes' : 'no'})`);
  await Promise.all(
    WORKLOADS.map(async (w) => {
      await seedWorkload(kube, w, opts);
      const hpa = hpaObject(w);
      if (hpa) await ensure(kube, hpa);
    }),
  );
}
