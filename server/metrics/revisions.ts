import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import type { KubeObject } from '@/lib/k8s/object';
import type { MetricTargetKind, RevisionMarker } from '@/lib/metrics/types';
import type { ClusterCache } from '@/server/k8s/cache';
import { mayList } from '@/server/k8s/resources';
import type { Impersonation } from '@/server/k8s/transport';

// The rollout timeline's markers: when each revision of a workload started. A Deployment's history
// is its ReplicaSets (annotation deployment.kubernetes.io/revision, as kubectl rollout history reads
// it); StatefulSets and DaemonSets keep theirs in ControllerRevisions (`.revision`). Read from the
// shared cache, as the user: nothing is returned unless they may list that kind in the namespace.

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const HISTORY_KIND: Partial<Record<MetricTargetKind, { id: string; kind: string }>> = {
  deployment: { id: 'replicasets', kind: 'Deployment' },
  statefulset: { id: 'controllerrevisions', kind: 'StatefulSet' },
  daemonset: { id: 'controllerrevisions', kind: 'DaemonSet' },
};

function revisionOf(obj: KubeObject): number | undefined {
  const raw = obj.metadata.annotations?.[REVISION] ?? (obj as { revision?: unknown }).revision;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Pure: the revision markers of the workload `owner` among history objects, oldest first. */
export function markersOf(objects: readonly KubeObject[], ownerKind: string, ownerName: string): RevisionMarker[] {
  const markers: RevisionMarker[] = [];
  for (const o of objects) {
    const owner = o.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind !== ownerKind || owner.name !== ownerName) continue;
    const revision = revisionOf(o);
    if (revision === undefined || !o.metadata.creationTimestamp) continue;
    const changeCause = o.metadata.annotations?.[CHANGE_CAUSE];
    markers.push({
      revision,
      at: o.metadata.creationTimestamp,
      name: o.metadata.name,
      ...(changeCause ? { changeCause } : {}),
    });
  }
  return markers.sort((a, b) => a.revision - b.revision);
}

/**
 * Revision markers of a workload, or [] when its history kind is not registered, not served, or
 * not readable by `who` (markers are an extra on the chart, never a reason to fail it).
 */
export async function revisionMarkers(
  cache: ClusterCache,
  who: Impersonation,
  target: { kind: MetricTargetKind; namespace: string; name: string },
): Promise<RevisionMarker[]> {
  const history = HISTORY_KIND[target.kind];
  const kind = history ? kindById(history.id) : undefined;
  if (!history || !kind) return [];
  try {
    if (!(await mayList(cache, who, kind, target.namespace))) return [];
    const reflector = await cache.reflector(kind);
    await reflector.ready(5_000);
    return markersOf(reflector.store.byIndex('namespace', target.namespace), history.kind, target.name);
  } catch {
    return [];
  }
}
