// A ResourceQuota near its limit and a LimitRange in shop-backend, so the quota pages show used against
// hard as it looks when a team is about to run out. The seeded pods there request 1420m cpu and
// 1856Mi memory in all (checkout 3 × 200m/256Mi, payments 4 × 150m/192Mi, inventory 2 × 100m/128Mi,
// invoice-archiver 20m/64Mi): requests.cpu and requests.memory stand at ~81%, with room for one
// rolling update's surge pod at a time. Applied after the workloads (seed/index.ts), so the first
// seed's rollouts never wait on the quota.
import { ensure, type Kube, type Obj } from './kube';

export const QUOTA = { namespace: 'shop-backend', name: 'compute' } as const;
export const LIMIT_RANGE = { namespace: 'shop-backend', name: 'container-defaults' } as const;

export const quotaObject: Obj = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { ...QUOTA, labels: { 'wheelhouse.dev/team': 'shop' } },
  spec: {
    hard: {
      'requests.cpu': '1750m',
      'requests.memory': '2304Mi',
      'limits.cpu': '6',
      'limits.memory': '5Gi',
      pods: '20',
    },
  },
};

// Every pod in a namespace with a cpu/memory quota must state requests and limits; the defaults here
// fill them in for a container that does not, so a quick `kubectl run` is not refused for that. No
// `default` (limit) field: the client's serializer knows it only as `_default` and drops it, and the API
// server defaults it to `max` anyway (1 cpu, 1Gi), which is what a request-less container then gets.
export const limitRangeObject: Obj = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { ...LIMIT_RANGE, labels: { 'wheelhouse.dev/team': 'shop' } },
  spec: {
    limits: [
      {
        type: 'Container',
        min: { cpu: '10m', memory: '16Mi' },
        max: { cpu: '1', memory: '1Gi' },
        defaultRequest: { cpu: '50m', memory: '64Mi' },
      },
      { type: 'Pod', max: { cpu: '2', memory: '2Gi' } },
    ],
  },
};

export async function seedQuotas(kube: Kube): Promise<void> {
  kube.log('quota and limit range');
  // The LimitRange first: from the moment the quota exists, its defaults keep request-less pods admissible.
  await ensure(kube, limitRangeObject);
  await ensure(kube, quotaObject);
}
