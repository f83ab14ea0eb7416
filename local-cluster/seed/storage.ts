// Storage for the storage screens. The local cluster has no provisioner, so volumes are made by hand
// (as with local volumes): two StorageClasses of kubernetes.io/no-provisioner, hostPath and local
// PersistentVolumes, claims pre-bound to them, one claim no volume matches (it stays Pending), and a
// Deployment that mounts a bound claim (the node agent simulates containers and ignores volumes).
import { ensure, type Kube, type Obj } from './kube';
import { SIM } from './workload-catalog';

export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export const STORAGE = {
  defaultClass: 'standard',
  localClass: 'local-ssd',
  /** shop-backend/invoices is Bound to this volume; invoice-archiver mounts it. */
  boundClaim: { namespace: 'shop-backend', name: 'invoices', volume: 'pv-shop-invoices' },
  /** Asks for 50Gi RWX of class standard: no volume matches and nothing provisions one. */
  pendingClaim: { namespace: 'shop-backend', name: 'order-exports' },
  dataClaim: { namespace: 'data-platform', name: 'pg-backups', volume: 'pv-data-backups' },
  /** A local volume on wh-node-2 no claim has asked for (Available). */
  spareVolume: 'pv-local-ssd-1',
  mountingDeployment: { namespace: 'shop-backend', name: 'invoice-archiver' },
} as const;

function storageClass(name: string, extra: Record<string, unknown>, isDefault = false): Obj {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      annotations: { 'storageclass.kubernetes.io/is-default-class': String(isDefault) },
    },
    provisioner: NO_PROVISIONER,
    reclaimPolicy: 'Retain',
    ...extra,
  };
}

function volume(name: string, size: string, modes: string[], spec: Record<string, unknown>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: { 'app.kubernetes.io/part-of': 'wheelhouse-demo' } },
    spec: {
      capacity: { storage: size },
      accessModes: modes,
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
      ...spec,
    },
  };
}

function claim(namespace: string, name: string, size: string, modes: string[], volumeName?: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace },
    spec: {
      storageClassName: STORAGE.defaultClass,
      accessModes: modes,
      resources: { requests: { storage: size } },
      ...(volumeName ? { volumeName } : {}),
    },
  };
}

const claimRef = (c: { namespace: string; name: string }) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  namespace: c.namespace,
  name: c.name,
});

export function storageObjects(): Obj[] {
  const { boundClaim, dataClaim, pendingClaim, mountingDeployment: dep } = STORAGE;
  const labels = { app: dep.name, 'app.kubernetes.io/part-of': 'shop' };
  return [
    storageClass(STORAGE.defaultClass, { volumeBindingMode: 'Immediate', allowVolumeExpansion: false }, true),
    storageClass(STORAGE.localClass, { volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true }),
    volume(boundClaim.volume, '5Gi', ['ReadWriteOnce'], {
      storageClassName: STORAGE.defaultClass,
      hostPath: { path: '/var/lib/wheelhouse/volumes/shop-invoices', type: 'DirectoryOrCreate' },
      claimRef: claimRef(boundClaim),
    }),
    volume(dataClaim.volume, '20Gi', ['ReadWriteMany', 'ReadOnlyMany'], {
      storageClassName: STORAGE.defaultClass,
      hostPath: { path: '/var/lib/wheelhouse/volumes/data-backups', type: 'DirectoryOrCreate' },
      claimRef: claimRef(dataClaim),
    }),
    volume(STORAGE.spareVolume, '10Gi', ['ReadWriteOnce'], {
      storageClassName: STORAGE.localClass,
      local: { path: '/mnt/disks/ssd1' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['wh-node-2'] }] },
          ],
        },
      },
    }),
    claim(boundClaim.namespace, boundClaim.name, '5Gi', ['ReadWriteOnce'], boundClaim.volume),
    claim(dataClaim.namespace, dataClaim.name, '20Gi', ['ReadWriteMany'], dataClaim.volume),
    claim(pendingClaim.namespace, pendingClaim.name, '50Gi', ['ReadWriteMany']),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: dep.name, namespace: dep.namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: dep.name } },
        template: {
          metadata: { labels, annotations: { [SIM.readyAfter]: '3s', [SIM.cpu]: '5m', [SIM.memory]: '40Mi' } },
          spec: {
            containers: [
              {
                name: dep.name,
                image: 'registry.example.test/shop/invoice-archiver:1.0.0',
                resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
                volumeMounts: [{ name: 'invoices', mountPath: '/var/lib/invoices' }],
              },
            ],
            volumes: [{ name: 'invoices', persistentVolumeClaim: { claimName: boundClaim.name } }],
          },
        },
      },
    },
  ];
}

export async function seedStorage(kube: Kube): Promise<void> {
  kube.log('storage classes, volumes and claims');
  // Classes and volumes before the claims that name them (the PV controller binds what it finds).
  const objects = storageObjects();
  const [classes, volumes, rest] = [objects.slice(0, 2), objects.slice(2, 5), objects.slice(5)];
  for (const group of [classes, volumes, rest]) await Promise.all(group.map((o) => ensure(kube, o)));
}
