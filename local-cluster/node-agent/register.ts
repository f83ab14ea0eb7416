// Puts the agent's metrics.k8s.io API behind the API server, as metrics-server's manifests do:
// an ExternalName Service to reach us on loopback, the APIService, and the aggregated
// ClusterRole that lets `view`/`edit`/`admin` read metrics. Create-or-replace, so a restart or a
// changed CA converges.
import { isStatus, type KubeClient } from './kube-client';
import type { Logger } from './log';

export const SERVICE = { namespace: 'kube-system', name: 'wheelhouse-metrics' } as const;
const LABELS = { 'app.kubernetes.io/name': 'wheelhouse-node-agent', 'app.kubernetes.io/part-of': 'wheelhouse' };

export function metricsObjects(caPem: Buffer, port: number) {
  return [
    {
      path: `/api/v1/namespaces/${SERVICE.namespace}/services`,
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: SERVICE.name, namespace: SERVICE.namespace, labels: LABELS },
        spec: {
          type: 'ExternalName',
          externalName: 'localhost',
          ports: [{ name: 'https', port, protocol: 'TCP', targetPort: port }],
        },
      },
    },
    {
      path: '/apis/apiregistration.k8s.io/v1/apiservices',
      object: {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io', labels: LABELS },
        spec: {
          group: 'metrics.k8s.io',
          version: 'v1beta1',
          service: { ...SERVICE, port },
          caBundle: caPem.toString('base64'),
          groupPriorityMinimum: 100,
          versionPriority: 100,
        },
      },
    },
    {
      path: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: {
          name: 'system:aggregated-metrics-reader',
          labels: {
            ...LABELS,
            'rbac.authorization.k8s.io/aggregate-to-view': 'true',
            'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
            'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          },
        },
        rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
      },
    },
  ];
}

interface Existing {
  metadata: { resourceVersion: string };
}

export async function createOrReplace(
  client: KubeClient,
  path: string,
  object: { metadata: { name: string } },
): Promise<'created' | 'replaced'> {
  const itemPath = `${path}/${encodeURIComponent(object.metadata.name)}`;
  try {
    const existing = await client.request<Existing>('GET', itemPath);
    const body = { ...object, metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion } };
    await client.request('PUT', itemPath, { body });
    return 'replaced';
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
    await client.request('POST', path, { body: object });
    return 'created';
  }
}

export async function registerMetricsApi(client: KubeClient, caPem: Buffer, port: number, log: Logger): Promise<void> {
  for (const { path, object } of metricsObjects(caPem, port)) {
    const result = await createOrReplace(client, path, object);
    log.info(`${object.kind} ${result}`, { name: object.metadata.name });
  }
}
