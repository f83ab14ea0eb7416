import 'server-only';

import type { ConfigReference, ConfigReferencesResponse } from '@/lib/k8s/config-references';
import { cronJobsKind } from '@/lib/k8s/kinds/cronjobs';
import { daemonSetsKind } from '@/lib/k8s/kinds/daemonsets';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { jobsKind } from '@/lib/k8s/kinds/jobs';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { statefulSetsKind } from '@/lib/k8s/kinds/statefulsets';
import { podSpecOf, usesOf, type ReferencedKind } from '@/lib/k8s/pod-references';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { mayList } from '@/server/k8s/resources';
import type { Impersonation } from '@/server/k8s/transport';

// Who reads a ConfigMap or Secret: the workloads and pods of its namespace whose pod spec names it
// (lib/k8s/pod-references.ts), from the shared cache, only of kinds the person may list there.
// Names and how they are used — never a value.

const USER_KINDS: readonly KindDescriptor[] = [
  deploymentsKind,
  statefulSetsKind,
  daemonSetsKind,
  cronJobsKind,
  jobsKind,
  podsKind,
];

const WAIT_MS = 10_000;

export async function configReferences(
  cache: ClusterCache,
  who: Impersonation,
  namespace: string,
  kind: ReferencedKind,
  name: string,
): Promise<ConfigReferencesResponse> {
  const items: ConfigReference[] = [];
  const unreadable: string[] = [];
  const results = await Promise.all(
    USER_KINDS.map(async (k) => {
      if (!(await mayList(cache, who, k, namespace))) return { k, objects: undefined };
      const reflector = await cache.reflector(k);
      if (!(await reflector.ready(WAIT_MS)) && reflector.lastSyncAt === undefined) {
        throw toKubeError(
          reflector.lastError ?? new KubeError('timeout', `Cluster ${cache.name} did not answer in time`),
          {
            cluster: cache.name,
          },
        );
      }
      return { k, objects: reflector.store.byIndex('namespace', namespace) };
    }),
  );
  for (const { k, objects } of results) {
    if (!objects) {
      unreadable.push(k.title);
      continue;
    }
    for (const obj of objects) {
      const uses = usesOf(podSpecOf({ ...obj, kind: k.kind }), kind, name);
      if (uses.length) {
        items.push({ kind: k.id, kindTitle: k.titleSingular ?? k.kind, namespace, name: obj.metadata.name, uses });
      }
    }
  }
  return { kind, name, items, unreadable };
}
