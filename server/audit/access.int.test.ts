import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { kubeConfig } from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';

import { auditVisibility } from './access';
import { AuditStore } from './store';
import { tempSqlite, type TempDatabase } from './testing/temp-database';

// Who reads which audit entries, decided by the real API server (SubjectAccessReviews as each
// person, through the dashboard identity's access cache). Seeded RBAC: bob may read shop-frontend
// and shop-backend only; alice reads everything; admin is in system:masters (an auditor group).

const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
let temp: TempDatabase;
let store: AuditStore;

beforeAll(async () => {
  temp = await tempSqlite();
  store = new AuditStore(temp.db);
  for (const [user, namespace] of [
    ['alice', 'shop-frontend'],
    ['alice', 'payments'],
    ['bob', 'payments'],
    ['carol', null],
  ] as const) {
    await store.recordAttempt({
      requestId: `${user}-${namespace ?? 'cluster'}`,
      user,
      groups: [],
      cluster: 'local',
      kind: namespace ? 'Deployment' : 'Elevation',
      namespace,
      name: 'x',
      action: namespace ? 'scale' : 'elevate',
      params: {},
    });
  }
});
afterAll(async () => {
  await cache.stop();
  await temp.close();
});

async function visibleIds(user: string, groups: string[]) {
  const visibleTo = await auditVisibility({ user, groups }, 'local', cache, store);
  const page = await store.list({ cluster: 'local', visibleTo }, { limit: 100 });
  return page.entries.map((e) => e.requestId).sort();
}

describe('auditVisibility', () => {
  it('bob sees his own entries and those of namespaces he may read', async () => {
    expect(await visibleIds('bob', ['wheelhouse:developers'])).toEqual(['alice-shop-frontend', 'bob-payments']);
  });

  it('alice (cluster-wide read) sees every namespaced entry, not others’ cluster-scoped ones', async () => {
    expect(await visibleIds('alice', ['wheelhouse:operators'])).toEqual([
      'alice-payments',
      'alice-shop-frontend',
      'bob-payments',
    ]);
  });

  it('an auditor group sees everything', async () => {
    expect(await visibleIds('admin', ['system:masters'])).toHaveLength(4);
  });

  it('someone with no rights sees only their own', async () => {
    expect(await visibleIds('carol', [])).toEqual(['carol-cluster']);
  });
});
