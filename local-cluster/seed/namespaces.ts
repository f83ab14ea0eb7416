// The demo's namespaces. cluster:up creates the team namespaces too; the seed makes sure they
// exist with their team label so it also works against a cluster someone else brought up.
import { ensure, type Kube, type Obj } from './kube';

export const TEAM_LABEL = 'wheelhouse.dev/team';

export const SEED_NAMESPACES: ReadonlyArray<{ name: string; team?: 'shop' | 'data' }> = [
  { name: 'shop-frontend', team: 'shop' },
  { name: 'shop-backend', team: 'shop' },
  { name: 'data-platform', team: 'data' },
  { name: 'observability', team: 'data' },
  // Where cert-manager keeps a ClusterIssuer's CA Secret (its "cluster resource namespace").
  { name: 'cert-manager' },
];

export function namespaceObject(name: string, team?: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(team ? { labels: { [TEAM_LABEL]: team } } : {}) },
  };
}

export async function seedNamespaces(kube: Kube): Promise<void> {
  kube.log('namespaces');
  // Merge-patch only adds the label when it is missing or different; other labels are kept.
  await Promise.all(SEED_NAMESPACES.map((ns) => ensure(kube, namespaceObject(ns.name, ns.team))));
}
