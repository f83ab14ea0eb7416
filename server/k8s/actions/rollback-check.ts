import 'server-only';

import {
  objectKey,
  referencedObjects,
  rollbackCompleteness,
  type Completeness,
  type ObjectState,
  valueChangesTimed,
} from '@/lib/k8s/rollout/completeness';
import type { WorkloadKind } from '@/lib/k8s/rollout/actions';
import type { ReferencedKind } from '@/lib/k8s/pod-references';
import type { UserKube } from '@/server/k8s/actions/user-kube';
import { kindName, readHistory, readWorkload } from '@/server/k8s/actions/workloads';
import { KubeError } from '@/server/k8s/errors';
import { ACCEPT_METADATA_ONLY } from '@/server/k8s/transport';

// Rollback completeness (issue 15, item 1), read as the person: the target revision's template from
// the workload's history, then each ConfigMap and Secret it reads — metadata only (PartialObjectMetadata:
// the API server never sends a value, so none can leak) — judged by lib/k8s/rollout/completeness.ts.

interface Metadata {
  metadata?: {
    creationTimestamp?: string;
    resourceVersion?: string;
    managedFields?: { time?: string }[];
  };
}

async function readState(kube: UserKube, namespace: string, kind: ReferencedKind, name: string): Promise<ObjectState> {
  const plural = kind === 'ConfigMap' ? 'configmaps' : 'secrets';
  try {
    const m = await kube.request<Metadata>({
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/${plural}/${encodeURIComponent(name)}`,
      accept: ACCEPT_METADATA_ONLY,
    });
    return {
      found: 'ok',
      creationTimestamp: m.metadata?.creationTimestamp,
      resourceVersion: m.metadata?.resourceVersion,
      managedTimes: (m.metadata?.managedFields ?? []).map((f) => f.time ?? '').filter(Boolean),
    };
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return { found: 'missing' };
    if (err instanceof KubeError && err.status === 403) return { found: 'forbidden' };
    return { found: 'error', message: err instanceof Error ? err.message : 'unknown error' };
  }
}

export async function rollbackCheck(
  kube: UserKube,
  kind: WorkloadKind,
  namespace: string,
  name: string,
  toRevision: number,
): Promise<Completeness> {
  const t = { kind, namespace, name };
  const workload = await readWorkload(kube, t);
  const history = await readHistory(kube, t, workload);
  const target = history.revisions.find((r) => r.revision === toRevision);
  if (!target) {
    throw new KubeError(
      'not-found',
      `Revision ${toRevision} is not in the history of ${kindName(kind)} ${namespace}/${name}`,
      { status: 404 },
    );
  }
  const refs = referencedObjects(target.template);
  const version = await kube.request<{ minor?: string }>({ path: '/version' }).catch(() => undefined);
  const minor = Number.parseInt(version?.minor ?? '', 10);
  const states = new Map(
    await Promise.all(
      refs.map(async (r) => [objectKey(r.kind, r.name), await readState(kube, namespace, r.kind, r.name)] as const),
    ),
  );
  return rollbackCompleteness({
    revision: toRevision,
    since: target.liveFrom ?? target.createdAt,
    target: target.template,
    current: workload.spec.template,
    states,
    timed: valueChangesTimed(Number.isFinite(minor) ? minor : undefined),
  });
}
