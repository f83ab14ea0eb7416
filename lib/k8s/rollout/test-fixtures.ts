import type { RawDeployment, RawReplicaSet } from '@/lib/k8s/rollout/types';

// Builders for unit tests of the rollout helpers (objects shaped as the API server returns them).

export const DEPLOY_UID = 'd-uid';

export function template(image: string, hash?: string) {
  return {
    metadata: {
      labels: { app: 'shop', ...(hash ? { 'pod-template-hash': hash } : {}) },
      annotations: { 'sim.wheelhouse.dev/ready-after': '1s' },
    },
    spec: { containers: [{ name: 'app', image }] },
  };
}

export function replicaSet(
  revision: number,
  image: string,
  opts: { created?: string; replicas?: number; available?: number; annotations?: Record<string, string> } = {},
): RawReplicaSet {
  return {
    metadata: {
      name: `shop-${revision}`,
      uid: `rs-${revision}`,
      resourceVersion: '1',
      creationTimestamp: opts.created ?? `2026-01-0${revision}T00:00:00Z`,
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...opts.annotations },
      ownerReferences: [{ uid: DEPLOY_UID, controller: true, kind: 'Deployment', name: 'shop' }],
    },
    spec: { replicas: opts.replicas ?? 0, template: template(image, `h${revision}`) },
    status: { availableReplicas: opts.available ?? 0 },
  };
}

export function deploymentObj(image: string, opts: { paused?: boolean; annotations?: Record<string, string> } = {}) {
  const d: RawDeployment = {
    metadata: {
      name: 'shop',
      namespace: 'ns',
      uid: DEPLOY_UID,
      resourceVersion: '42',
      generation: 3,
      annotations: opts.annotations,
    },
    spec: { replicas: 3, paused: opts.paused, template: template(image) },
    status: { observedGeneration: 3, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 },
  };
  return d;
}
