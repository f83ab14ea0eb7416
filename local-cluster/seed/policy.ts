// PodDisruptionBudgets over seeded workloads (policy/v1beta1: the local cluster is 1.20). checkout
// (3 replicas, min 2 available) allows 1 disruption; payments (max 0 unavailable) allows none, so a
// drain of its nodes waits; postgres in data-platform is for operators only (bob cannot see it).
import { ensure, type Kube, type Obj } from './kube';

export const PDBS = [
  { namespace: 'shop-backend', name: 'checkout', app: 'checkout', spec: { minAvailable: 2 }, allowed: 1 },
  { namespace: 'shop-backend', name: 'payments', app: 'payments', spec: { maxUnavailable: 0 }, allowed: 0 },
  { namespace: 'data-platform', name: 'postgres', app: 'postgres', spec: { minAvailable: 1 }, allowed: 1 },
] as const;

export function pdbObject(p: (typeof PDBS)[number]): Obj {
  return {
    apiVersion: 'policy/v1beta1',
    kind: 'PodDisruptionBudget',
    metadata: { name: p.name, namespace: p.namespace },
    spec: { ...p.spec, selector: { matchLabels: { app: p.app } } },
  };
}

export async function seedPolicy(kube: Kube): Promise<void> {
  kube.log('pod disruption budgets');
  await Promise.all(PDBS.map((p) => ensure(kube, pdbObject(p))));
}
