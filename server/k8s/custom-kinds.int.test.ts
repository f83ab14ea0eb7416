import { afterAll, describe, expect, it } from 'vitest';

import { certificatesKind } from '@/lib/k8s/kinds/certificates';
import type { CustomSummary } from '@/lib/k8s/kinds/custom';
import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { clients, mergePatch, statusOfCall, kubeConfig, uniqueName } from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';
import { PersonFeed } from '@/server/k8s/custom-feed';
import { customKindsForUser, isPersonRead, resolveKind } from '@/server/k8s/custom-kinds';
import {
  clearPersonLists,
  clusterNamespaces,
  getCustomForUser,
  listCustomForUser,
  personListStats,
} from '@/server/k8s/custom-person';
import { listQuerySchema } from '@/server/k8s/list-query';
import type { ChangeType } from '@/server/k8s/reflector';

// Custom resources from discovery against the real local cluster (ADR 0020): kind ids resolve
// through the registry, then the cluster's CRDs; Backups (seeded: local-cluster/seed/custom.ts) are
// read as the person, never by the dashboard's identity.

const admin = clients('admin');
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const stranger = { user: 'h6-stranger', groups: ['h6:nobody'] };
const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
const BACKUPS = 'backups.demo.wheelhouse.dev';
const group = 'demo.wheelhouse.dev';
const created: { namespace: string; name: string }[] = [];

afterAll(async () => {
  for (const o of created) {
    await admin.custom
      .deleteNamespacedCustomObject({ group, version: 'v1alpha1', plural: 'backups', ...o })
      .catch(() => undefined);
  }
  await cache.stop();
});

async function backups() {
  const kind = await resolveKind(cache, BACKUPS);
  if (!kind) throw new Error('backups.demo.wheelhouse.dev did not resolve: is the cluster seeded?');
  return kind;
}

const query = (q: Record<string, unknown> = {}) => listQuerySchema.parse(q);
const rows = (items: BaseSummary[]) => items.map((s) => `${s.namespace}/${s.name}`).sort();

describe('resolveKind', () => {
  it('resolves built-in ids from the registry and CRD ids from the cluster', async () => {
    expect(await resolveKind(cache, 'pods')).toBe(podsKind);
    const kind = await backups();
    expect(kind).toMatchObject({
      id: BACKUPS,
      kind: 'Backup',
      title: 'Backups',
      namespaced: true,
      versions: ['v1alpha1'],
    });
    expect(kind.columns?.map((c) => c.title)).toEqual(['Schedule', 'Last Backup', 'Status', 'Age']);
    expect(isPersonRead(kind)).toBe(true);
    expect(isPersonRead(podsKind)).toBe(false);
  });

  it('a CRD the registry describes resolves to the built-in descriptor; unknown ids to nothing', async () => {
    expect(await resolveKind(cache, 'certificates.cert-manager.io')).toBe(certificatesKind);
    expect(await resolveKind(cache, 'nothings.example.com')).toBeUndefined();
    expect(await resolveKind(cache, 'Not A Kind')).toBeUndefined();
  });
});

describe('custom resources read as the person', () => {
  it('the dashboard identity may not list Backups, and its shared cache refuses them', async () => {
    const dashboard = clients('dashboard');
    const list = () => dashboard.custom.listClusterCustomObject({ group, version: 'v1alpha1', plural: 'backups' });
    expect(await statusOfCall(list)).toBe(403);
    await expect(cache.reflector(await backups())).rejects.toMatchObject({ status: 400 });
  });

  it('alice lists every Backup with its printer columns; bob only shop-backend’s', async () => {
    const kind = await backups();
    clearPersonLists();
    const forAlice = await listCustomForUser(cache, alice, kind, query());
    expect(rows(forAlice.items)).toEqual(
      expect.arrayContaining([
        'data-platform/warehouse-weekly',
        'shop-backend/orders-db-nightly',
        'shop-backend/payments-db-hourly',
      ]),
    );
    const failing = forAlice.items.find((s) => s.name === 'payments-db-hourly') as CustomSummary | undefined;
    expect(failing?.cells.slice(0, 3)).toEqual(['0 * * * *', null, 'False']);
    expect(failing?.cells[3]).toContain('VolumeSnapshotClass');

    const forBob = await listCustomForUser(cache, bob, kind, query());
    expect(forBob.items.every((s) => s.namespace?.startsWith('shop-'))).toBe(true);
    expect(rows(forBob.items)).toEqual(
      expect.arrayContaining(['shop-backend/orders-db-nightly', 'shop-backend/payments-db-hourly']),
    );
    expect(rows(forBob.items)).not.toContain('data-platform/warehouse-weekly');
    // Asking for a namespace he may not read gives nothing, not an error.
    expect((await listCustomForUser(cache, bob, kind, query({ namespaces: ['data-platform'] }))).items).toEqual([]);
    expect((await listCustomForUser(cache, stranger, kind, query())).items).toEqual([]);
  });

  it('sorts by a printer column, filters by text in the cells and by label selector', async () => {
    const kind = await backups();
    const byStatus = await listCustomForUser(cache, alice, kind, query({ sort: 'colc', namespaces: ['shop-backend'] }));
    expect(byStatus.items.map((s) => s.name).slice(0, 1)).toEqual(['payments-db-hourly']); // False < True
    const found = await listCustomForUser(cache, alice, kind, query({ q: 'csi-snapclass' }));
    expect(found.items.map((s) => s.name)).toEqual(['payments-db-hourly']);
    const labelled = await listCustomForUser(
      cache,
      alice,
      kind,
      query({ labelSelector: 'app.kubernetes.io/part-of=orders-db' }),
    );
    expect(labelled.items.map((s) => s.name)).toEqual(['orders-db-nightly']);
    await expect(listCustomForUser(cache, alice, kind, query({ labelSelector: 'app in (' }))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Invalid label selector'),
    });
  });

  it('lists are cached per person for a few seconds (one LIST for concurrent readers)', async () => {
    const kind = await backups();
    clearPersonLists();
    const before = personListStats.lists;
    await Promise.all([1, 2, 3].map(() => listCustomForUser(cache, alice, kind, query())));
    expect(personListStats.lists - before).toBe(1);
  });

  it('one object as the person: alice reads its conditions, bob is refused outside his namespaces', async () => {
    const kind = await backups();
    const { object, summary } = await getCustomForUser(cache, alice, kind, 'shop-backend', 'payments-db-hourly');
    expect('managedFields' in object.metadata).toBe(false);
    const conditions = (object.status as { conditions: { type: string; status: string }[] }).conditions;
    expect(conditions).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'False' }));
    expect(summary.name).toBe('payments-db-hourly');
    await expect(getCustomForUser(cache, bob, kind, 'data-platform', 'warehouse-weekly')).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('You may not read Backup data-platform/warehouse-weekly'),
    });
    await expect(getCustomForUser(cache, alice, kind, 'shop-backend', 'no-such-backup')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('the custom kinds each person may list: both see Backups, a stranger none; built-in CRDs are not repeated', async () => {
    const namespaces = await clusterNamespaces(cache);
    const ids = async (who: typeof alice) => (await customKindsForUser(cache, who, namespaces)).map((k) => k.id);
    expect(await ids(alice)).toContain(BACKUPS);
    expect(await ids(bob)).toContain(BACKUPS);
    expect(await ids(alice)).not.toContain('certificates.cert-manager.io');
    expect(await ids(stranger)).not.toContain(BACKUPS);
  });
});

describe('live custom resources (a person feed)', () => {
  it('reports what bob may read being added, changed and deleted, and nothing from elsewhere', async () => {
    const kind = await backups();
    const events: [ChangeType, string][] = [];
    const feed = new PersonFeed({
      cache,
      who: bob,
      kind,
      intervalMs: 3_600_000, // polled by hand below
      emit: (type, s) => events.push([type, `${s.namespace}/${s.name}`]),
    });
    clearPersonLists();
    await feed.start();
    try {
      const name = uniqueName('h6-live');
      const target = { namespace: 'shop-backend', name };
      const elsewhere = { namespace: 'data-platform', name };
      created.push(target, elsewhere);
      for (const t of [target, elsewhere]) {
        await admin.custom.createNamespacedCustomObject({
          group,
          version: 'v1alpha1',
          plural: 'backups',
          namespace: t.namespace,
          body: { apiVersion: `${group}/v1alpha1`, kind: 'Backup', metadata: { name }, spec: { schedule: '@daily' } },
        });
      }
      clearPersonLists();
      await feed.poll();
      expect(events).toEqual([['ADDED', `shop-backend/${name}`]]);

      await admin.custom.patchNamespacedCustomObject(
        { group, version: 'v1alpha1', plural: 'backups', ...target, body: { spec: { schedule: '@hourly' } } },
        mergePatch,
      );
      clearPersonLists();
      await feed.poll();
      expect(events.at(-1)).toEqual(['MODIFIED', `shop-backend/${name}`]);

      await admin.custom.deleteNamespacedCustomObject({ group, version: 'v1alpha1', plural: 'backups', ...target });
      clearPersonLists();
      await feed.poll();
      expect(events.at(-1)).toEqual(['DELETED', `shop-backend/${name}`]);
      expect(events.some(([, n]) => n.startsWith('data-platform/'))).toBe(false);
    } finally {
      feed.stop();
    }
  });
});
