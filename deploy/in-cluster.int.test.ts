import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuthorizationV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startStandaloneServer, IMAGE_UID, type StandaloneServer } from '../e2e/support/standalone-server';
import { signInWithPassword } from '../e2e/support/sign-in-http';
import { LOCAL_USERS } from '../e2e/support/test-accounts';
import { clusterPaths } from '../local-cluster/paths';
import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  mergePatch,
  uniqueName,
  waitFor,
} from '../local-cluster/test/kube';

import { find, kubectl, renderForTest, type KubeObject } from './kustomize';
import { ensureStandaloneBuild } from './standalone-build';

// Issue 10 §2, the in-cluster identity test. The manifests' own ServiceAccount, ClusterRole and
// binding are created for real (names prefixed, in a throwaway namespace); a token is minted for the
// ServiceAccount with the TokenRequest API and mounted, with the cluster CA, where a pod would have
// them (WHEELHOUSE_SERVICEACCOUNT_DIR). The production standalone server then runs in in-cluster mode
// with the environment the manifests give it, as the image would (uid 10001, read-only tree):
//   - the role is ENOUGH: alice (operator) signs in, lists, scales and rolls back through impersonation;
//     bob (developer) is refused;
//   - the role is MINIMAL: as the ServiceAccount itself, `kubectl auth can-i` says no to Secrets, to
//     any write on workloads, and to everything outside the role; its rules review lists nothing more.

const admin = clients('admin');
const prefix = `${uniqueName('ic')}-`;
const SA_DIR_MODE = 0o750;
let namespace: string;
let rbac: KubeObject[] = [];
let saDir: string;
let dataDir: string;
let server: StandaloneServer | undefined;
let token: string;
let saName: string;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

/** The plain settings of the rendered manifests: the ConfigMap and the Deployment's literal env. */
function manifestEnv(objects: KubeObject[]): Record<string, string> {
  const cm = find(objects, 'ConfigMap') as unknown as { data: Record<string, string> };
  const d = find(objects, 'Deployment') as unknown as {
    spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } };
  };
  const env: Record<string, string> = { ...cm.data };
  for (const e of d.spec.template.spec.containers[0]?.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

/** Writes the files a projected service-account volume holds, readable by the server's uid only. */
function mountServiceAccount(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true, mode: SA_DIR_MODE });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content, { mode: 0o640 });
    if (process.getuid?.() === 0) chownSync(join(dir, name), 0, IMAGE_UID);
  }
  if (process.getuid?.() === 0) chownSync(dir, 0, IMAGE_UID);
  chmodSync(dir, SA_DIR_MODE);
}

/** A TokenRequest token for the ServiceAccount, valid while the Secret `boundTo` exists. */
async function mintToken(boundTo: string): Promise<string> {
  const secret = await admin.core.createNamespacedSecret({ namespace, body: { metadata: { name: boundTo } } });
  const minted = await admin.core.createNamespacedServiceAccountToken({
    name: saName,
    namespace,
    body: {
      spec: {
        audiences: [],
        expirationSeconds: 3600,
        boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: boundTo, uid: secret.metadata?.uid },
      },
    },
  });
  const value = minted.status?.token ?? '';
  expect(value).not.toBe('');
  return value;
}

/** The API server's answer to a token (401 once it is revoked; discovery needs authentication). */
async function tokenStatus(value: string): Promise<number> {
  const r = kubectl([
    '--kubeconfig=/dev/null',
    `--server=${new KubeConfig().getCurrentCluster()?.server ?? 'https://127.0.0.1:6443'}`,
    `--certificate-authority=${join(saDir, 'ca.crt')}`,
    `--token=${value}`,
    'get',
    '--raw',
    '/apis/authorization.k8s.io/v1',
  ]);
  return r.status === 0 ? 200 : /Unauthorized/.test(r.stderr) ? 401 : -1;
}

function clusterCa(): string {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  const cluster = kc.getCluster(kc.getContextObject('admin')?.cluster ?? '');
  if (cluster?.caData) return Buffer.from(cluster.caData, 'base64').toString('utf8');
  if (cluster?.caFile) return readFileSync(cluster.caFile, 'utf8');
  throw new Error('the local kubeconfig has no cluster CA');
}

beforeAll(async () => {
  const distDir = await ensureStandaloneBuild();
  namespace = await createNamespace(admin, 'incluster');
  const rendered = renderForTest('overlays/single', { namespace, namePrefix: prefix });
  rendered.cleanup();
  rbac = rendered.objects.filter((o) => ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind));
  const applied = kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: rbac }));
  expect(applied.stderr).toBe('');
  saName = find(rbac, 'ServiceAccount').metadata.name;

  // TokenRequest: a short-lived token, as the kubelet mints for a projected volume (bound to a Secret
  // here instead of a pod, so the rotation test can revoke it by deleting that Secret).
  token = await mintToken(`${prefix}token-1`);

  const work = mkdtempSync(join(tmpdir(), 'wheelhouse-incluster-'));
  chmodSync(work, 0o755);
  saDir = join(work, 'serviceaccount');
  dataDir = join(work, 'data');
  mountServiceAccount(saDir, { token, 'ca.crt': clusterCa(), namespace });

  const port = await freePort();
  const api = new URL(new KubeConfig().getCurrentCluster()?.server ?? 'https://127.0.0.1:6443');
  const env = manifestEnv(rendered.objects);
  server = await startStandaloneServer({
    distDir,
    port,
    dataDir,
    env: {
      ...env,
      // What a pod gets from Kubernetes, pointed at the local API server and the mounted token.
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: api.port || '6443',
      WHEELHOUSE_SERVICEACCOUNT_DIR: saDir,
      // Test-only values for what the manifests take from the Secret or leave to the operator.
      HOSTNAME: '127.0.0.1',
      PORT: String(port),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: `in-cluster-test-${randomUUID()}`,
      WHEELHOUSE_USERS_FILE: join(__dirname, '..', 'e2e', 'support', 'users.yaml'),
      WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090',
      WHEELHOUSE_OIDC_ISSUER: undefined,
      WHEELHOUSE_OIDC_CLIENT_ID: undefined,
      WHEELHOUSE_OIDC_NAME: undefined,
    },
  });
  expect(env.WHEELHOUSE_IN_CLUSTER).toBe('true');
  expect(env.WHEELHOUSE_TLS_SECRETS).toBe('person');
}, 600_000);

afterAll(async () => {
  const code = await server?.stop();
  if (code !== undefined && code !== 0) console.error(server?.logs());
  for (const o of rbac.filter((x) => x.kind !== 'ServiceAccount')) {
    kubectl(['delete', o.kind.toLowerCase(), o.metadata.name, '--ignore-not-found']);
  }
  if (namespace) await deleteNamespace(admin, namespace);
  if (saDir) rmSync(join(saDir, '..'), { recursive: true, force: true });
});

async function api(path: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server?.url}${path}`, {
    ...init,
    headers: { Cookie: cookie, Origin: server?.url ?? '', 'Content-Type': 'application/json', ...init.headers },
  });
}

async function rolledOut(name: string, image: string): Promise<boolean> {
  const d = await admin.apps.readNamespacedDeployment({ name, namespace });
  const want = d.spec?.replicas ?? 1;
  return (
    d.status?.observedGeneration === d.metadata?.generation &&
    d.status?.updatedReplicas === want &&
    d.status?.availableReplicas === want &&
    d.spec?.template.spec?.containers[0]?.image === image
  );
}

describe('the manifests’ ServiceAccount is enough', () => {
  const NAME = 'web';

  beforeAll(async () => {
    await admin.apps.createNamespacedDeployment({ namespace, body: deployment(NAME, { replicas: 1, image: 'web:1' }) });
    await waitFor(() => rolledOut(NAME, 'web:1'), 60_000, 'web:1 rolled out');
    await admin.apps.patchNamespacedDeployment(
      {
        name: NAME,
        namespace,
        body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }] } } } },
      },
      mergePatch,
    );
    await waitFor(() => rolledOut(NAME, 'web:2'), 60_000, 'web:2 rolled out');
  }, 180_000);

  it('an operator lists, scales and rolls back through impersonation', async () => {
    const alice = await signInWithPassword(server?.url ?? '', 'alice', LOCAL_USERS.alice.password);
    // The list comes from the shared cache, filled with the ServiceAccount's own list/watch.
    await waitFor(
      async () => {
        const res = await api(`/api/k8s/local/deployments?namespace=${namespace}`, alice);
        const body = (await res.json()) as { items?: { name: string }[] };
        return res.status === 200 && body.items?.some((i) => i.name === NAME);
      },
      30_000,
      'alice sees the Deployment',
    );

    let d = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
    const scale = await api(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/scale`, alice, {
      method: 'POST',
      body: JSON.stringify({
        requestId: randomUUID(),
        replicas: 2,
        resourceVersion: d.metadata?.resourceVersion,
        generation: d.metadata?.generation,
      }),
    });
    expect(scale.status).toBe(200);
    expect((await admin.apps.readNamespacedDeployment({ name: NAME, namespace })).spec?.replicas).toBe(2);
    await waitFor(() => rolledOut(NAME, 'web:2'), 60_000, 'scaled to 2');

    d = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
    const rollback = await api(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/rollback`, alice, {
      method: 'POST',
      body: JSON.stringify({
        requestId: randomUUID(),
        toRevision: 1,
        resourceVersion: d.metadata?.resourceVersion,
        generation: d.metadata?.generation,
      }),
    });
    expect(rollback.status).toBe(200);
    const after = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
    expect(after.spec?.template.spec?.containers[0]?.image).toBe('web:1');
  });

  it('a developer is refused, and nothing changes', async () => {
    const bob = await signInWithPassword(server?.url ?? '', 'bob', LOCAL_USERS.bob.password);
    const before = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
    const scale = await api(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/scale`, bob, {
      method: 'POST',
      body: JSON.stringify({
        requestId: randomUUID(),
        replicas: 5,
        resourceVersion: before.metadata?.resourceVersion,
        generation: before.metadata?.generation,
      }),
    });
    expect(scale.status).toBe(403);
    const list = await api(`/api/k8s/local/deployments?namespace=${namespace}`, bob);
    const items = list.status === 200 ? ((await list.json()) as { items: unknown[] }).items : [];
    expect(items).toEqual([]);
    expect((await admin.apps.readNamespacedDeployment({ name: NAME, namespace })).spec?.replicas).toBe(
      before.spec?.replicas,
    );
  });

  it('the server read no Secret and the token file came from the mount', () => {
    expect(existsSync(join(saDir, 'token'))).toBe(true);
    expect(server?.logs()).not.toMatch(/secrets is forbidden/);
  });
});

describe('a rotated token is read again', () => {
  it('keeps acting after the mounted token is replaced and the old one revoked', async () => {
    const old = token;
    const fresh = await mintToken(`${prefix}token-2`);
    // The kubelet swaps a projected volume's files atomically; so does this.
    const next = join(saDir, '.token-next');
    writeFileSync(next, fresh, { mode: 0o640 });
    if (process.getuid?.() === 0) chownSync(next, 0, IMAGE_UID);
    renameSync(next, join(saDir, 'token'));
    await admin.core.deleteNamespacedSecret({ name: `${prefix}token-1`, namespace });
    // The API server refuses the old token once its authentication cache (10 s) forgets it.
    await waitFor(async () => (await tokenStatus(old)) === 401, 60_000, 'the old token revoked', 1000);
    expect(await tokenStatus(fresh)).toBe(200);
    token = fresh;

    // Each attempt is a write as alice through impersonation, authenticated by the dashboard's token:
    // it succeeds only once the server has read the new file (client-node re-reads it every 60 s).
    const alice = await signInWithPassword(server?.url ?? '', 'alice', LOCAL_USERS.alice.password);
    await waitFor(
      async () => {
        const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace });
        const res = await api(`/api/k8s/local/deployments/${namespace}/web/actions/scale`, alice, {
          method: 'POST',
          body: JSON.stringify({
            requestId: randomUUID(),
            replicas: d.spec?.replicas === 1 ? 2 : 1,
            resourceVersion: d.metadata?.resourceVersion,
            generation: d.metadata?.generation,
          }),
        });
        return res.status === 200;
      },
      120_000,
      'a write with the rotated token',
      2000,
    );
  }, 200_000);
});

describe('the manifests’ ServiceAccount is minimal', () => {
  let kubeconfig: string;

  beforeAll(() => {
    kubeconfig = join(saDir, '..', 'sa.kubeconfig');
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      {
        name: 'local',
        server: new KubeConfig().getCurrentCluster()?.server ?? 'https://127.0.0.1:6443',
        caFile: join(saDir, 'ca.crt'),
        skipTLSVerify: false,
      },
      { name: saName, token },
    );
    writeFileSync(kubeconfig, kc.exportConfig(), { mode: 0o600 });
  });

  const canI = (...args: string[]) => {
    const r = kubectl(['--kubeconfig', kubeconfig, 'auth', 'can-i', ...args]);
    return r.stdout.trim();
  };

  it.each([
    ['get', 'secrets', '-A'],
    ['list', 'secrets', '-A'],
    ['watch', 'secrets', '-A'],
    ['patch', 'deployments', '-A'],
    ['update', 'deployments', '-A'],
    ['patch', 'deployments', '--subresource=scale', '-A'],
    ['patch', 'statefulsets', '-A'],
    ['patch', 'daemonsets', '-A'],
    ['patch', 'horizontalpodautoscalers.autoscaling', '-A'],
    ['delete', 'pods', '-A'],
    ['create', 'pods', '-A'],
    ['get', 'pods', '--subresource=log', '-A'],
    ['create', 'pods', '--subresource=exec', '-A'],
    ['list', 'backups.demo.wheelhouse.dev', '-A'],
    ['watch', 'customresourcedefinitions.apiextensions.k8s.io'],
    ['create', 'clusterrolebindings.rbac.authorization.k8s.io'],
    ['bind', 'clusterroles.rbac.authorization.k8s.io'],
    ['escalate', 'clusterroles.rbac.authorization.k8s.io'],
    ['impersonate', 'serviceaccounts', '-A'],
    ['create', 'serviceaccounts', '--subresource=token', '-A'],
  ])('can-i %s %s → no', (...args) => {
    expect(canI(...args)).toBe('no');
  });

  it.each([
    ['list', 'pods', '-A'],
    ['watch', 'nodes'],
    ['watch', 'deployments.apps', '-A'],
    ['impersonate', 'users'],
    ['impersonate', 'groups'],
    ['create', 'subjectaccessreviews.authorization.k8s.io'],
    ['list', 'customresourcedefinitions.apiextensions.k8s.io'],
    // ConfigMaps are a shared-cache kind (keys and sizes in lists; values only to people who may get one).
    ['list', 'configmaps', '-A'],
  ])('can-i %s %s → yes (what the role is for)', (...args) => {
    expect(canI(...args)).toBe('yes');
  });

  it('its rules review lists only the role’s rules and what every authenticated user has', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReview({
      body: { spec: { namespace } },
    });
    const role = find(rbac, 'ClusterRole') as unknown as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    const allowed = new Set<string>();
    for (const r of role.rules) {
      for (const g of r.apiGroups)
        for (const res of r.resources) for (const v of r.verbs) allowed.add(`${g}/${res}/${v}`);
    }
    // system:basic-user and system:discovery, bound to every authenticated user by Kubernetes.
    for (const res of ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'])
      allowed.add(`authorization.k8s.io/${res}/create`);
    const granted = (review.status?.resourceRules ?? []).flatMap((r) =>
      (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => r.verbs.map((v) => `${g}/${res}/${v}`))),
    );
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.filter((g) => !allowed.has(g))).toEqual([]);
  });
});
