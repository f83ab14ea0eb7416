import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { clients, createNamespace, deleteNamespace } from '@/local-cluster/test/kube';
import { helmReleaseSecret, HELM_RELEASES, SECRET_MARKER } from '@/local-cluster/seed/config';
import { helmReleasesKind } from '@/lib/k8s/kinds/helm-releases';
import { secretsKind } from '@/lib/k8s/kinds/secrets';
import { LAST_APPLIED } from '@/lib/k8s/object';
import type { Identity } from '@/server/auth/identity';

// Secrets and Helm releases through the APIs a browser calls, against the real local cluster: every
// answer that describes a Secret carries keys and sizes, never a value (not in data, not in the
// last-applied annotation, not decoded from a Helm release); bob, who may not list Secrets, gets a
// clear 403; no path makes the dashboard's own identity list Secrets. Only "who is signed in" is
// replaced.

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));
const { signedIn } = await import('@/server/auth/testing/fake-identity');
const secretsList = (await import('@/app/api/k8s/[cluster]/secrets/route')).GET;
const secretObject = (await import('@/app/api/k8s/[cluster]/secrets/[namespace]/[name]/route')).GET;
const helmList = (await import('@/app/api/k8s/[cluster]/helm-releases/route')).GET;
const helmObject = (await import('@/app/api/k8s/[cluster]/helm-releases/[namespace]/[name]/route')).GET;
const references = (await import('@/app/api/k8s/[cluster]/references/[namespace]/route')).GET;
const genericObject = (await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/route')).GET;
const { clusterCache } = await import('@/server/k8s/registry');

const admin = clients('admin');
const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };
const b64 = (s: string) => Buffer.from(s).toString('base64');
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(admin, 'h3-config');
  const values = { password: `${SECRET_MARKER}-int`, user: 'app' };
  await admin.core.createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: {
        name: 'app-db',
        annotations: { [LAST_APPLIED]: JSON.stringify({ kind: 'Secret', stringData: values }) },
      },
      type: 'Opaque',
      data: { password: b64(values.password), user: b64(values.user) },
    },
  });
  const release = { ...HELM_RELEASES[1]!, namespace: ns };
  for (let i = 0; i < release.revisions.length; i++) {
    const s = helmReleaseSecret(release, i) as never;
    await admin.core.createNamespacedSecret({ namespace: ns, body: s });
  }
  await admin.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'reader' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'reader' } },
        template: {
          metadata: { labels: { app: 'reader' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'registry.example.test/reader:1',
                env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'app-db', key: 'password' } } }],
              },
            ],
            volumes: [{ name: 'db', secret: { secretName: 'app-db' } }],
          },
        },
      },
    },
  });
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
  if (ns) await deleteNamespace(admin, ns);
});

async function call(identity: Identity, route: () => Promise<Response>): Promise<{ status: number; text: string }> {
  signedIn.identity = identity;
  const res = await route();
  const text = await res.text();
  // Whatever the answer, it never holds a value: not raw, not base64 as the API stores it.
  expect(text).not.toContain(SECRET_MARKER);
  expect(text).not.toContain(b64(SECRET_MARKER).slice(0, 16));
  return { status: res.status, text };
}

const cluster = 'local';
const listReq = (kind: string, q = '') =>
  new Request(`http://localhost/api/k8s/${cluster}/${kind}?namespace=${ns}${q}`);

describe('Secrets as the person', () => {
  it('lists keys and sizes to someone who may list Secrets, without any value', async () => {
    const { status, text } = await call(alice, () =>
      secretsList(listReq('secrets'), { params: Promise.resolve({ cluster }) }),
    );
    expect(status).toBe(200);
    const body = JSON.parse(text) as {
      items: { name: string; type: string; keys: { key: string; bytes: number }[] }[];
    };
    const db = body.items.find((s) => s.name === 'app-db');
    expect(db?.type).toBe('Opaque');
    expect(db?.keys).toEqual([
      { key: 'password', bytes: `${SECRET_MARKER}-int`.length },
      { key: 'user', bytes: 3 },
    ]);
    // Helm's release Secrets are Secrets too: listed with their one key's size.
    expect(body.items.filter((s) => s.type === 'helm.sh/release.v1')).toHaveLength(3);
  });

  it('answers one Secret (the YAML view reads it) stripped: dataBytes, no data, no last-applied', async () => {
    const { status, text } = await call(alice, () =>
      secretObject(new Request('http://localhost/'), {
        params: Promise.resolve({ cluster, namespace: ns, name: 'app-db' }),
      }),
    );
    expect(status).toBe(200);
    const { object } = JSON.parse(text) as { object: Record<string, unknown> & { metadata: { annotations?: object } } };
    expect(object.kind).toBe('Secret');
    expect(object.dataBytes).toEqual({ password: `${SECRET_MARKER}-int`.length, user: 3 });
    expect(object).not.toHaveProperty('data');
    expect(object).not.toHaveProperty('stringData');
    expect(object.metadata.annotations ?? {}).not.toHaveProperty(LAST_APPLIED);
  });

  it('refuses bob with a clear message, for the list and for one Secret', async () => {
    const list = await call(bob, () => secretsList(listReq('secrets'), { params: Promise.resolve({ cluster }) }));
    expect(list.status).toBe(403);
    expect(JSON.parse(list.text)).toMatchObject({
      error: { message: expect.stringMatching(/You may not list Secrets in/) },
    });
    const all = await call(bob, () =>
      secretsList(new Request(`http://localhost/api/k8s/${cluster}/secrets`), { params: Promise.resolve({ cluster }) }),
    );
    expect(all.status).toBe(403);
    expect(all.text).toContain('any namespace');
    const one = await call(bob, () =>
      secretObject(new Request('http://localhost/'), {
        params: Promise.resolve({ cluster, namespace: ns, name: 'app-db' }),
      }),
    );
    expect(one.status).toBe(403);
  });

  it('never reads Secrets through the shared cache', async () => {
    const { status } = await call(alice, () =>
      genericObject(new Request('http://localhost/'), {
        params: Promise.resolve({ cluster, kind: 'secrets', namespace: ns, name: 'app-db' }),
      }),
    );
    expect(status).toBeGreaterThanOrEqual(400);
    const cache = clusterCache({ name: cluster });
    await expect(cache.reflector(secretsKind)).rejects.toThrow(/read as the signed-in person/);
    await expect(cache.reflector(helmReleasesKind)).rejects.toThrow(/read as the signed-in person/);
    expect(cache.peek('secrets')).toBeUndefined();
  });

  it('finds the Deployment that reads the Secret (env and volume), by name only', async () => {
    const { status, text } = await call(alice, () =>
      references(new Request(`http://localhost/?kind=Secret&name=app-db`), {
        params: Promise.resolve({ cluster, namespace: ns }),
      }),
    );
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({
      items: [{ kind: 'deployments', name: 'reader', uses: ['env password (app)', 'volume'] }],
    });
  });
});

describe('Helm releases as the person', () => {
  it('decodes the newest revision and the history; values and manifest stay on the server, notes come redacted', async () => {
    const list = await call(alice, () => helmList(listReq('helm-releases'), { params: Promise.resolve({ cluster }) }));
    expect(list.status).toBe(200);
    const items = (JSON.parse(list.text) as { items: Record<string, unknown>[] }).items;
    expect(items).toEqual([
      expect.objectContaining({
        name: 'payments-worker',
        revision: 3,
        status: 'deployed',
        chart: 'payments-worker-0.5.1',
      }),
    ]);
    const one = await call(alice, () =>
      helmObject(new Request('http://localhost/'), {
        params: Promise.resolve({ cluster, namespace: ns, name: 'payments-worker' }),
      }),
    );
    expect(one.status).toBe(200);
    const { object } = JSON.parse(one.text) as { object: { history: { revision: number; status: string }[] } };
    expect(object.history.map((h) => [h.revision, h.status])).toEqual([
      [3, 'deployed'],
      [2, 'failed'],
      [1, 'superseded'],
    ]);
    expect(one.text).not.toMatch(/"(config|manifest)"/);
    // The notes are rendered from the values: they come with the password replaced.
    const { object: release } = JSON.parse(one.text) as { object: { release: { notes: string } } };
    expect(release.release.notes).toContain('Connect with password [value hidden]');
  });

  it('shows bob no release', async () => {
    const { status } = await call(bob, () =>
      helmList(listReq('helm-releases'), { params: Promise.resolve({ cluster }) }),
    );
    expect(status).toBe(403);
  });
});
