// What draining a node would do (issue 15, item 3), before the operator confirms. Pure.
//
// kubectl's rules (k8s.io/kubectl/pkg/drain/filters.go, applied in its order):
//   - DaemonSet-managed pods are left in place ("ignoring DaemonSet-managed Pods": the DaemonSet
//     controller ignores unschedulable and would put them straight back);
//   - mirror pods (annotation kubernetes.io/config.mirror) are left in place: the API server cannot
//     delete them, the kubelet owns them;
//   - pods with local storage (emptyDir) are evicted but their data is lost
//     ("Pods with local storage (use --delete-emptydir-data to override)");
//   - pods that declare no controller are refused without --force
//     ("Pods declare no controller (use --force to override)"): nothing would recreate them;
//   - finished pods (Succeeded/Failed) are always removable.
// Evictions go through the Eviction API, so a PodDisruptionBudget may refuse one (429) until the
// budget allows it again. The order below simulates the budgets: pods whose budgets allow it now come
// first, then those that must wait for a replacement to be Ready elsewhere.
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import { pdbsCoveringPods } from '@/lib/k8s/pdb';

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainPodInput {
  namespace: string;
  name: string;
  uid?: string;
  phase?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The controller owner reference (controller: true), if any. */
  controller?: { kind: string; name: string };
  /** Names of emptyDir volumes. */
  emptyDirs: string[];
  deleting: boolean;
}

export interface DrainPdbInput {
  namespace: string;
  name: string;
  /** Label selector text; null selects no pods (see lib/k8s/pdb.ts). */
  selector: string | null;
  /** status.disruptionsAllowed (policy/v1beta1 and v1 alike). */
  disruptionsAllowed: number;
}

export type LeftReason = 'daemonset' | 'mirror';

export interface EvictionPlan {
  namespace: string;
  name: string;
  uid?: string;
  /** 1-based position in the order evictions are sent. */
  order: number;
  controller?: { kind: string; name: string };
  /** Budgets covering the pod. */
  pdbs: string[];
  /** The budget that refuses this eviction now (it waits until a replacement is Ready), if any. */
  blockedBy?: string;
  /** Two or more budgets cover it: the eviction API refuses such pods outright. */
  multiplePdbs: boolean;
  /** emptyDir volumes whose data is lost. */
  localStorage: string[];
  /** No controller: nothing recreates it (kubectl refuses without --force). */
  bare: boolean;
  finished: boolean;
  /** Already terminating: drain only waits for it. */
  deleting: boolean;
}

export interface DrainPreview {
  evict: EvictionPlan[];
  left: { namespace: string; name: string; reason: LeftReason }[];
  /** Pods kubectl would refuse to drain without --force. */
  bare: EvictionPlan[];
  localStorage: EvictionPlan[];
  blocked: EvictionPlan[];
  /** Pods the eviction API refuses outright (several budgets). */
  refused: EvictionPlan[];
}

const key = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
const byKey = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function drainPreview(pods: readonly DrainPodInput[], pdbs: readonly DrainPdbInput[]): DrainPreview {
  const left: DrainPreview['left'] = [];
  const candidates: DrainPodInput[] = [];
  for (const pod of [...pods].sort(byKey)) {
    if (pod.controller?.kind === 'DaemonSet')
      left.push({ namespace: pod.namespace, name: pod.name, reason: 'daemonset' });
    else if (pod.annotations[MIRROR_ANNOTATION] !== undefined)
      left.push({ namespace: pod.namespace, name: pod.name, reason: 'mirror' });
    else candidates.push(pod);
  }
  const covering = pdbsCoveringPods(candidates, pdbs);
  const remaining = new Map(pdbs.map((p) => [key(p), p.disruptionsAllowed]));
  const now: Omit<EvictionPlan, 'order'>[] = [];
  const later: Omit<EvictionPlan, 'order'>[] = [];
  candidates.forEach((pod, i) => {
    const finished = pod.phase === 'Succeeded' || pod.phase === 'Failed';
    const budgets = covering[i] ?? [];
    const plan: Omit<EvictionPlan, 'order'> = {
      namespace: pod.namespace,
      name: pod.name,
      ...(pod.uid ? { uid: pod.uid } : {}),
      controller: pod.controller,
      pdbs: budgets.map((b) => b.name),
      multiplePdbs: budgets.length > 1,
      localStorage: finished ? [] : pod.emptyDirs,
      bare: !finished && !pod.controller,
      finished,
      deleting: pod.deleting,
    };
    // A terminating or finished pod costs no budget (the disruption controller counts healthy pods).
    const budget = budgets.length === 1 ? budgets[0] : undefined;
    if (budget && !finished && !pod.deleting) {
      const left = remaining.get(key(budget)) ?? 0;
      if (left > 0) remaining.set(key(budget), left - 1);
      else plan.blockedBy = budget.name;
    }
    (plan.blockedBy || plan.multiplePdbs ? later : now).push(plan);
  });
  const evict = [...now, ...later].map((p, i) => ({ ...p, order: i + 1 }));
  return {
    evict,
    left,
    bare: evict.filter((p) => p.bare),
    localStorage: evict.filter((p) => p.localStorage.length > 0),
    blocked: evict.filter((p) => p.blockedBy),
    refused: evict.filter((p) => p.multiplePdbs),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** kubectl's refusal when pods declare no controller and --force is not given; null otherwise. */
export function bareRefusal(preview: DrainPreview): string | null {
  if (preview.bare.length === 0) return null;
  const names = preview.bare.map(key).join(', ');
  return `cannot delete Pods declare no controller (use --force to override): ${names}. Nothing would recreate them; kubectl drain refuses without --force.`;
}

/** The drain dialog's one sentence. */
export function drainSentence(node: string, preview: DrainPreview, force: boolean): string {
  if (preview.bare.length > 0 && !force) {
    return `Draining ${node} is refused: ${plural(preview.bare.length, 'pod declares', 'pods declare')} no controller, so nothing would recreate ${preview.bare.length === 1 ? 'it' : 'them'} (kubectl drain refuses without --force).`;
  }
  if (preview.evict.length === 0) {
    return `Draining ${node} cordons it; no pod needs to be evicted${preview.left.length ? ` (${plural(preview.left.length, 'pod')} left in place)` : ''}.`;
  }
  const parts = [`Draining ${node} cordons it and evicts ${plural(preview.evict.length, 'pod')}`];
  if (preview.blocked.length > 0) {
    parts.push(
      `${plural(preview.blocked.length, 'eviction')} ${preview.blocked.length === 1 ? 'is' : 'are'} blocked by a PodDisruptionBudget now and will wait until a replacement is Ready elsewhere`,
    );
  } else parts.push('every PodDisruptionBudget allows it now');
  const tail: string[] = [];
  if (preview.refused.length > 0)
    tail.push(`${plural(preview.refused.length, 'pod')} covered by several budgets cannot be evicted`);
  if (preview.localStorage.length > 0)
    tail.push(
      `${plural(preview.localStorage.length, 'pod')} ${preview.localStorage.length === 1 ? 'loses' : 'lose'} emptyDir data`,
    );
  if (preview.left.length > 0)
    tail.push(
      `${plural(preview.left.length, 'DaemonSet or mirror pod')} ${preview.left.length === 1 ? 'stays' : 'stay'}`,
    );
  return `${parts.join('; ')}${tail.length ? `; ${tail.join(', ')}` : ''}.`;
}

/** The pod fields the preview needs, from a pod as the API returns it. */
export function drainPodOf(pod: {
  metadata: {
    namespace?: string;
    name?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
    deletionTimestamp?: string;
  };
  spec?: { volumes?: { name: string; emptyDir?: unknown }[] };
  status?: { phase?: string };
}): DrainPodInput {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
    phase: pod.status?.phase,
    labels: pod.metadata.labels ?? {},
    annotations: pod.metadata.annotations ?? {},
    controller: owner ? { kind: owner.kind, name: owner.name } : undefined,
    emptyDirs: (pod.spec?.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name),
    deleting: Boolean(pod.metadata.deletionTimestamp),
  };
}

/** The budget fields the preview needs, from a PDB as the API returns it (policy/v1beta1 or v1). */
export function drainPdbOf(pdb: {
  apiVersion?: string;
  metadata: { namespace?: string; name?: string };
  spec?: { selector?: LabelSelectorObject };
  status?: { disruptionsAllowed?: number };
}): DrainPdbInput {
  let selector: string | null;
  try {
    const text = labelSelectorText(pdb.spec?.selector);
    // policy/v1beta1: an empty selector matches no pods; policy/v1: every pod in the namespace.
    selector = text === '' && pdb.apiVersion === 'policy/v1beta1' ? null : text;
  } catch {
    selector = null;
  }
  return {
    namespace: pdb.metadata.namespace ?? '',
    name: pdb.metadata.name ?? '',
    selector,
    disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
  };
}
