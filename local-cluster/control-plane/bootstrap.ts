// The cluster's people and what they may do, applied with server-side apply (idempotent).
// Kubernetes cannot grant Secret metadata without data, so no human role here reads Secrets.
import { KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';

export const TEAM_NAMESPACES = {
  shop: ['shop-frontend', 'shop-backend'],
  data: ['data-platform', 'observability'],
} as const;

/** bob (wheelhouse:developers) is on team shop. */
export const DEVELOPER_NAMESPACES = TEAM_NAMESPACES.shop;

const rbac = 'rbac.authorization.k8s.io/v1';
const READ = ['get', 'list', 'watch'];

const operatorActions: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:operator-actions' },
  rules: [
    {
      apiGroups: ['apps'],
      resources: ['deployments', 'statefulsets', 'daemonsets'],
      verbs: [...READ, 'update', 'patch'],
    },
    { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'update', 'patch'] },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: [...READ, 'update', 'patch'] },
  ],
} as KubernetesObject;

// cert-manager's Helm chart ships this role (cert-manager-view) aggregated into view/edit/admin; the
// seed installs only the CRDs, so the cluster brings the role itself: whoever may view a namespace may
// read its Certificates and why their issuance fails.
const certManagerView: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: {
    name: 'cert-manager-view',
    labels: {
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    },
  },
  rules: [
    { apiGroups: ['cert-manager.io'], resources: ['certificates', 'certificaterequests', 'issuers'], verbs: READ },
    { apiGroups: ['acme.cert-manager.io'], resources: ['challenges', 'orders'], verbs: READ },
  ],
} as KubernetesObject;

// The dashboard identity: read for the shared cache, impersonation, access reviews. Nothing else.
// RBAC cannot restrict Secrets by type: the server always lists them with the field selector
// type=kubernetes.io/tls and drops the key on arrival (docs/adr/0001-local-control-plane.md).
const dashboardRole: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:dashboard' },
  rules: [
    {
      apiGroups: [''],
      resources: ['namespaces', 'nodes', 'pods', 'events', 'services', 'endpoints', 'secrets'],
      verbs: ['list', 'watch'],
    },
    { apiGroups: [''], resources: ['namespaces', 'nodes', 'pods', 'services'], verbs: ['get'] },
    {
      apiGroups: ['apps'],
      resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'],
      verbs: READ,
    },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: READ },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
    {
      apiGroups: ['cert-manager.io'],
      resources: ['certificates', 'issuers', 'clusterissuers', 'certificaterequests'],
      verbs: READ,
    },
    { apiGroups: ['acme.cert-manager.io'], resources: ['orders', 'challenges'], verbs: READ },
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ },
    { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['subjectaccessreviews', 'selfsubjectaccessreviews'],
      verbs: ['create'],
    },
  ],
} as KubernetesObject;

function clusterBinding(
  name: string,
  role: string,
  subject: { kind: 'Group' | 'User'; name: string },
): KubernetesObject {
  return {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  } as KubernetesObject;
}

function namespaceObjects(): KubernetesObject[] {
  const out: KubernetesObject[] = [];
  for (const [team, namespaces] of Object.entries(TEAM_NAMESPACES)) {
    for (const ns of namespaces) {
      out.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { 'wheelhouse.dev/team': team } },
      });
    }
  }
  for (const ns of DEVELOPER_NAMESPACES) {
    out.push({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'wheelhouse:developers-view', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'wheelhouse:developers' }],
    } as KubernetesObject);
  }
  return out;
}

export function bootstrapObjects(): KubernetesObject[] {
  return [
    operatorActions,
    certManagerView,
    dashboardRole,
    clusterBinding('wheelhouse:operators-view', 'view', { kind: 'Group', name: 'wheelhouse:operators' }),
    clusterBinding('wheelhouse:operators-actions', 'wheelhouse:operator-actions', {
      kind: 'Group',
      name: 'wheelhouse:operators',
    }),
    clusterBinding('wheelhouse:dashboard', 'wheelhouse:dashboard', { kind: 'User', name: 'wheelhouse-dashboard' }),
    ...namespaceObjects(),
  ];
}

export async function applyObjects(
  kc: KubeConfig,
  objects: KubernetesObject[],
  fieldManager = 'wheelhouse-local-cluster',
): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) {
    await api.patch(obj, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
  }
}
