import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { KubeError } from '@/server/k8s/errors';
import { kubeJson } from '@/server/k8s/transport';

// Which API versions a cluster serves (autoscaling/v2 vs v2beta2, batch/v1 vs v1beta1 CronJobs):
// asked, not assumed. Cached per cluster for a few minutes.

interface GroupList {
  groups: { name: string; versions: { version: string }[] }[];
}

export type ServedVersions = Map<string, Set<string>>;

export async function discoverVersions(kc: KubeConfig, timeoutMs: number): Promise<ServedVersions> {
  const [core, groups] = await Promise.all([
    kubeJson<{ versions: string[] }>(kc, { path: '/api', timeoutMs }),
    kubeJson<GroupList>(kc, { path: '/apis', timeoutMs }),
  ]);
  const served: ServedVersions = new Map([['', new Set(core.versions)]]);
  for (const g of groups.groups) served.set(g.name, new Set(g.versions.map((v) => v.version)));
  return served;
}

export function pickVersion(served: ServedVersions, kind: KindDescriptor, cluster: string): string {
  const versions = served.get(kind.group);
  const v = kind.versions.find((x) => versions?.has(x));
  if (!v) {
    const what = kind.group ? `${kind.group} (${kind.versions.join(', ')})` : kind.versions.join(', ');
    throw new KubeError('not-found', `Cluster ${cluster} does not serve ${kind.title}: API ${what} is not installed`, {
      status: 404,
    });
  }
  return v;
}

/** The all-namespaces collection path for a kind at a version. */
export function collectionPath(kind: KindDescriptor, version: string): string {
  return kind.group ? `/apis/${kind.group}/${version}/${kind.plural}` : `/api/${version}/${kind.plural}`;
}
