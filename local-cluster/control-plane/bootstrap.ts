// The cluster's people and what they may do, applied with server-side apply (idempotent).
// Kubernetes cannot grant Secret metadata without data, and RBAC cannot restrict Secrets by type: only
// operators may list Secrets (so the dashboard, reading TLS Secrets as them, shows their certificates;
// ADR 0013); developers and the dashboard's own identity may not.
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
    // Node maintenance (issue 15): cordon/uncordon patch spec.unschedulable; drain evicts through the Eviction API.
    { apiGroups: [''], resources: ['nodes'], verbs: ['patch'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
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

// The dashboard identity: read for the shared cache, impersonation, access reviews. Nothing else, and
// no Secrets: TLS Secrets are read as the signed-in person (WHEELHOUSE_TLS_SECRETS=person, ADR 0013).
const dashboardRole: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:dashboard' },
  rules: [
    {
      apiGroups: [''],
      resources: ['namespaces', 'nodes', 'pods', 'events', 'services', 'endpoints'],
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
    // NetworkPolicies (the network group; Endpoints above back each Service's ready/not-ready addresses).
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
    { apiGroups: [''], resources: ['resourcequotas', 'limitranges'], verbs: READ },
    { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumes'], verbs: READ },
    { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: READ },
    // ConfigMaps: lists, keys and sizes (values only through the object API, to people who may `get`).
    { apiGroups: [''], resources: ['configmaps'], verbs: READ },
    {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
      verbs: READ,
    },
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

// Opt-in only (WHEELHOUSE_TLS_SECRETS=shared): the shared watch of TLS Secrets. RBAC cannot restrict
// Secrets by type, so whoever holds this reads every Secret in the cluster; the server lists with
// type=kubernetes.io/tls and drops the key on arrival. Applied here, bound to nobody by default.
export const dashboardTlsSecretsRole: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:dashboard-tls-secrets' },
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'] }],
} as KubernetesObject;

// Operators see every certificate's leaf: with TLS Secrets read as the person, that takes `list` on
// Secrets (the built-in `view` role they have excludes Secrets).
const operatorSecretsList: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:operator-secrets-list' },
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
} as KubernetesObject;

// Operators read the cluster's storage: `view` covers claims but not PersistentVolumes or StorageClasses.
const operatorStorageRead: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:operator-storage-read' },
  rules: [
    { apiGroups: [''], resources: ['persistentvolumes'], verbs: READ },
    { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
  ],
} as KubernetesObject;

// Operators read who is bound to what (`view` has ServiceAccounts but no RBAC objects): read only, so
// it grants nothing they could escalate with.
const operatorRbacRead: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:operator-rbac-read' },
  rules: [
    {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
      verbs: READ,
    },
  ],
} as KubernetesObject;

// Operators read nodes (the Nodes pages): the built-in `view` role has no cluster-scoped kinds.
const operatorNodeRead: KubernetesObject = {
  apiVersion: rbac,
  kind: 'ClusterRole',
  metadata: { name: 'wheelhouse:operator-node-read' },
  rules: [{ apiGroups: [''], resources: ['nodes'], verbs: READ }],
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
    dashboardTlsSecretsRole,
    operatorSecretsList,
    clusterBinding('wheelhouse:operators-secrets-list', 'wheelhouse:operator-secrets-list', {
      kind: 'Group',
      name: 'wheelhouse:operators',
    }),
    clusterBinding('wheelhouse:operators-view', 'view', { kind: 'Group', name: 'wheelhouse:operators' }),
    clusterBinding('wheelhouse:operators-actions', 'wheelhouse:operator-actions', {
      kind: 'Group',
      name: 'wheelhouse:operators',
    }),
    operatorStorageRead,
    clusterBinding('wheelhouse:operators-storage-read', 'wheelhouse:operator-storage-read', {
      kind: 'Group',
      name: 'wheelhouse:operators',
    }),
    operatorRbacRead,
    clusterBinding('wheelhouse:operators-rbac-read', 'wheelhouse:operator-rbac-read', {
      kind: 'Group',
      name: 'wheelhouse:operators',
    }),
    operatorNodeRead,
    clusterBinding('wheelhouse:operators-node-read', 'wheelhouse:operator-node-read', {
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
