// A custom resource no code in the dashboard knows: Backups (demo.wheelhouse.dev), shown only through
// its CRD's printer columns and conditions (lib/k8s/kinds/custom.ts). Its read role is aggregated into
// the built-in `view`, as operators' Helm charts ship them: alice (view cluster-wide) reads every
// Backup, bob (view in shop-*) only shop-backend's.
import { createdAt, customRef, ensure, ensureStatus, readObject, waitFor, type Kube, type Obj } from './kube';

export const BACKUP_GROUP = 'demo.wheelhouse.dev';
export const BACKUP_CRD_NAME = `backups.${BACKUP_GROUP}`;
const API_VERSION = `${BACKUP_GROUP}/v1alpha1`;

// client-node's serializer sends this key as `x-kubernetes-preserve-unknown-fields` (see cert-crds.ts).
const open = { type: 'object', x_kubernetes_preserve_unknown_fields: true };
const ready = '.status.conditions[?(@.type=="Ready")]';

export const backupCrd: Obj = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: BACKUP_CRD_NAME },
  spec: {
    group: BACKUP_GROUP,
    scope: 'Namespaced',
    names: { kind: 'Backup', listKind: 'BackupList', plural: 'backups', singular: 'backup', shortNames: ['bk'] },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
          { name: 'Last Backup', type: 'date', jsonPath: '.status.lastBackupTime' },
          { name: 'Status', type: 'string', jsonPath: `${ready}.status` },
          { name: 'Message', type: 'string', jsonPath: `${ready}.message`, priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, spec: open, status: open },
          },
        },
      },
    ],
  },
};

export const backupsViewRole: Obj = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: {
    name: 'demo-wheelhouse-backups-view',
    labels: {
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    },
  },
  rules: [{ apiGroups: [BACKUP_GROUP], resources: ['backups'], verbs: ['get', 'list', 'watch'] }],
};

export interface BackupSeed {
  namespace: string;
  name: string;
  schedule: string;
  target: string;
  /** Ready=False with this message; Ready=True otherwise. */
  failure?: string;
}

export const BACKUPS: readonly BackupSeed[] = [
  { namespace: 'shop-backend', name: 'orders-db-nightly', schedule: '0 2 * * *', target: 'orders-db' },
  {
    namespace: 'shop-backend',
    name: 'payments-db-hourly',
    schedule: '0 * * * *',
    target: 'payments-db',
    failure: 'snapshot of volume data-payments-db-0 failed: VolumeSnapshotClass "csi-snapclass" not found',
  },
  { namespace: 'data-platform', name: 'warehouse-weekly', schedule: '0 3 * * 0', target: 'warehouse' },
];

/**
 * Times are the object's creation time (never in the future, and a second run finds the same status
 * and writes nothing). A failing Backup has never completed: no lastBackupTime, kubectl's `<none>`.
 */
export function backupStatus(seed: BackupSeed, created: Date): Record<string, unknown> {
  const at = created.toISOString().replace(/\.\d+Z$/, 'Z');
  if (seed.failure) {
    return {
      conditions: [
        { type: 'Ready', status: 'False', reason: 'SnapshotFailed', message: seed.failure, lastTransitionTime: at },
      ],
    };
  }
  const done = { type: 'Ready', status: 'True', reason: 'Completed', message: 'Last backup completed' };
  return { lastBackupTime: at, conditions: [{ ...done, lastTransitionTime: at }] };
}

function backupObject(seed: BackupSeed): Obj {
  return {
    apiVersion: API_VERSION,
    kind: 'Backup',
    metadata: { namespace: seed.namespace, name: seed.name, labels: { 'app.kubernetes.io/part-of': seed.target } },
    spec: { schedule: seed.schedule, target: { kind: 'StatefulSet', name: seed.target }, retentionDays: 14 },
  };
}

export async function seedCustomResources(kube: Kube): Promise<void> {
  kube.log('custom resources (Backups)');
  await Promise.all([ensure(kube, backupCrd), ensure(kube, backupsViewRole)]);
  await waitFor(
    `CRD ${BACKUP_CRD_NAME} to be Established`,
    async () => {
      const crd = await readObject(kube, backupCrd);
      const conditions = (crd?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
      return conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  await Promise.all(
    BACKUPS.map(async (seed) => {
      const { obj } = await ensure(kube, backupObject(seed));
      await ensureStatus(kube, customRef(obj, 'backups'), obj, backupStatus(seed, createdAt(obj)));
    }),
  );
}
