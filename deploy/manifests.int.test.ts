import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, uniqueName } from '../local-cluster/test/kube';

import { find, kubectl, render, renderForTest, type KubeObject } from './kustomize';

// Issue 10 §2: the shipped manifests render with `kubectl kustomize`, carry the security settings a
// platform team expects, and the local cluster's API server accepts them (`kubectl apply
// --dry-run=server -k`, which runs admission and schema validation without persisting anything).

type Container = {
  securityContext: Record<string, unknown>;
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { optional?: boolean } } }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  startupProbe?: unknown;
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
};
type PodSpec = {
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; persistentVolumeClaim?: unknown; emptyDir?: unknown }[];
  topologySpreadConstraints: unknown[];
  terminationGracePeriodSeconds: number;
  serviceAccountName: string;
};
const podSpec = (d: KubeObject) => (d as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
const replicas = (d: KubeObject) => (d as unknown as { spec: { replicas: number } }).spec.replicas;

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];

describe.each(['single', 'ha'])('overlay %s', (overlay) => {
  const objects = render(`deploy/overlays/${overlay}`);

  it('renders every base object, all in the wheelhouse namespace', () => {
    const kinds = objects.map((o) => o.kind).sort();
    for (const kind of [
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'Namespace',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]) {
      expect(kinds).toContain(kind);
    }
    for (const o of objects) {
      if (!['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind)) {
        expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('wheelhouse');
      }
    }
  });

  it('runs the server non-root, read-only, without privileges, with probes and resources', () => {
    const spec = podSpec(find(objects, 'Deployment'));
    expect(spec.serviceAccountName).toBe('wheelhouse');
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const [c] = spec.containers;
    expect(c?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(c?.livenessProbe.httpGet.path).toBe('/api/healthz');
    expect(c?.readinessProbe.httpGet.path).toBe('/api/readyz');
    expect(c?.startupProbe).toBeDefined();
    expect(c?.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c?.resources.limits).toMatchObject({ memory: expect.any(String) });
    expect(spec.topologySpreadConstraints.length).toBeGreaterThan(0);
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(0);
    const secretRefs = c?.env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(secretRefs?.sort()).toEqual(['DATABASE_URL', 'NEXTAUTH_SECRET', 'WHEELHOUSE_OIDC_CLIENT_SECRET']);
  });

  it('gives the dashboard no Secrets and no writes', () => {
    const role = find(objects, 'ClusterRole', 'wheelhouse') as unknown as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    for (const rule of role.rules) {
      expect(rule.resources).not.toContain('secrets');
      expect(rule.resources).not.toContain('*');
      const writes = rule.verbs.filter((v) => WRITE_VERBS.includes(v));
      // The only "create"s are access reviews (questions, not changes).
      if (writes.length) {
        expect(rule.apiGroups).toEqual(['authorization.k8s.io']);
        expect(writes).toEqual(['create']);
      }
    }
  });

  if (overlay === 'single') {
    it('single: one replica, SQLite on a PersistentVolumeClaim, Recreate', () => {
      const d = find(objects, 'Deployment');
      expect(replicas(d)).toBe(1);
      expect(podSpec(d).volumes.find((v) => v.name === 'data')?.persistentVolumeClaim).toEqual({
        claimName: 'wheelhouse-data',
      });
      expect(find(objects, 'PersistentVolumeClaim', 'wheelhouse-data')).toBeDefined();
      expect((d as unknown as { spec: { strategy: { type: string } } }).spec.strategy.type).toBe('Recreate');
    });
  } else {
    it('ha: three replicas and a required DATABASE_URL', () => {
      const d = find(objects, 'Deployment');
      expect(replicas(d)).toBe(3);
      const db = podSpec(d).containers[0]?.env.find((e) => e.name === 'DATABASE_URL');
      expect(db?.valueFrom?.secretKeyRef?.optional).toBe(false);
      expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
      expect(
        (find(objects, 'PodDisruptionBudget') as unknown as { spec: { minAvailable: number } }).spec.minAvailable,
      ).toBe(2);
    });
  }
});

describe('server-side dry run on the local 1.20 cluster', () => {
  const admin = clients('admin');
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace(admin, 'deploy');
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(admin, namespace);
  });

  it.each(['single', 'ha'])('kubectl apply --dry-run=server -k accepts %s with every component', (overlay) => {
    const r = renderForTest(`overlays/${overlay}`, {
      namespace,
      namePrefix: `${uniqueName('dry')}-`,
      components: ['kubernetes-1.20', 'ingress', 'shared-tls-secrets', 'operator-node-read'],
    });
    try {
      const out = kubectl(['apply', '--dry-run=server', '-k', r.dir]);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const applied = out.stdout.trim().split('\n');
      // One line per object, each "(server dry run)".
      expect(applied).toHaveLength(r.objects.length);
      for (const line of applied) expect(line).toMatch(/ (created|configured|unchanged) \(server dry run\)$/);
    } finally {
      r.cleanup();
    }
    // Nothing was persisted (kube-root-ca.crt is the cluster's own ConfigMap in every namespace).
    const left = kubectl(['get', 'deployments,services,configmaps', '-n', namespace, '-o', 'name']).stdout;
    expect(left.trim().split('\n')).toEqual(['configmap/kube-root-ca.crt']);
  });

  it('policy/v1 PodDisruptionBudget needs the kubernetes-1.20 component here (1.21+ serve it)', () => {
    const r = renderForTest('overlays/single', { namespace, namePrefix: `${uniqueName('dry')}-` });
    try {
      const pdb = r.objects.find((o) => o.kind === 'PodDisruptionBudget');
      expect(pdb?.apiVersion).toBe('policy/v1');
      const out = kubectl(['apply', '--dry-run=server', '-f', '-'], JSON.stringify(pdb));
      expect(out.status).not.toBe(0);
      expect(out.stderr).toMatch(/no matches for kind "PodDisruptionBudget" in version "policy\/v1"/);
    } finally {
      r.cleanup();
    }
  });
});
