import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { KubeError } from '@/server/k8s/errors';
import { kubeJson } from '@/server/k8s/transport';

// Which API versions a cluster serves (autoscaling/v2 vs v2beta2, batch/v1 vs v1beta1 CronJobs):
// asked, not assumed. Cached per cluster for a few minutes (ClusterCache.servedVersions).
//
// A group being served at a version is not enough: Kubernetes 1.20 serves batch/v1 (Jobs) but its
// CronJobs only at batch/v1beta1. So a kind's version is the first of its candidates whose
// group-version resource list names the kind's plural; those lists are fetched once per snapshot,
// only for the group-versions a kind asks about.

interface GroupList {
  groups: { name: string; versions: { version: string }[] }[];
}

interface ResourceList {
  resources: { name: string }[];
}

export class ServedVersions {
  private readonly resourceLists = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly kc: KubeConfig,
    private readonly timeoutMs: number,
    /** group ('' for core) → served versions */
    readonly groups: Map<string, Set<string>>,
  ) {}

  has(group: string, version: string): boolean {
    return this.groups.get(group)?.has(version) === true;
  }

  /** Resource names (plurals and subresources) served at group/version. */
  resources(group: string, version: string): Promise<Set<string>> {
    const key = `${group}/${version}`;
    let list = this.resourceLists.get(key);
    if (!list) {
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      list = kubeJson<ResourceList>(this.kc, { path, timeoutMs: this.timeoutMs }).then(
        (r) => new Set(r.resources.map((x) => x.name)),
      );
      this.resourceLists.set(key, list);
      list.catch(() => this.resourceLists.delete(key));
    }
    return list;
  }

  /** The first of the kind's versions that serves the kind; a 404-shaped KubeError when none does. */
  async versionFor(kind: KindDescriptor, cluster: string): Promise<string> {
    for (const v of kind.versions) {
      if (!this.has(kind.group, v)) continue;
      if ((await this.resources(kind.group, v)).has(kind.plural)) return v;
    }
    const what = kind.group ? `${kind.group} (${kind.versions.join(', ')})` : kind.versions.join(', ');
    throw new KubeError('not-found', `Cluster ${cluster} does not serve ${kind.title}: API ${what} is not installed`, {
      status: 404,
    });
  }
}

export async function discoverVersions(kc: KubeConfig, timeoutMs: number): Promise<ServedVersions> {
  const [core, groups] = await Promise.all([
    kubeJson<{ versions: string[] }>(kc, { path: '/api', timeoutMs }),
    kubeJson<GroupList>(kc, { path: '/apis', timeoutMs }),
  ]);
  const served = new Map([['', new Set(core.versions)]]);
  for (const g of groups.groups) served.set(g.name, new Set(g.versions.map((v) => v.version)));
  return new ServedVersions(kc, timeoutMs, served);
}

/** The all-namespaces collection path for a kind at a version. */
export function collectionPath(kind: KindDescriptor, version: string): string {
  return kind.group ? `/apis/${kind.group}/${version}/${kind.plural}` : `/api/${version}/${kind.plural}`;
}
