import type { PodTemplate } from '@/lib/k8s/rollout/types';

// Pod-template comparison as kubectl does it for rollbacks: equal ignoring the pod-template-hash
// label (kubectl/pkg/polymorphichelpers/rollback.go, equalIgnoreHash).
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollback.go

/** deploymentutil: label the deployment controller adds to a ReplicaSet's template and selector. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** A deep copy of the template without the pod-template-hash label (or an empty labels map). */
export function templateWithoutHash(template: PodTemplate): PodTemplate {
  const copy = structuredClone(template);
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH in labels) {
    delete labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

/** Structural equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual(ao[k], bo[k]));
}

/** kubectl equalIgnoreHash: equal templates once both lose the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplate, b: PodTemplate): boolean {
  return jsonEqual(normalizeLabels(templateWithoutHash(a)), normalizeLabels(templateWithoutHash(b)));
}

// An empty labels map and a missing one serialize differently but mean the same.
function normalizeLabels(t: PodTemplate): PodTemplate {
  if (t.metadata?.labels && Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  return t;
}

export function templateImages(template: PodTemplate | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean);
}
