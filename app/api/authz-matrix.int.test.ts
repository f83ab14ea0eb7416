import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type * as NodeHttps from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type * as NextAuth from 'next-auth';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  jsonPatch,
  mergePatch,
  waitFor,
} from '@/local-cluster/test/kube';

// The authorization matrix of issue 4: (anonymous, expired session, bob, alice, admin) ×
// (list, get Secret, scale, rollback, stream), through the real route handlers against the real
// local cluster. Sign-in is real too, from the cookie on: each person is a next-auth session cookie
// made with next-auth's own `encode` and the server's secret, and identity.ts decodes it with
// next-auth's real session handler — only the Next.js request scope (`next/headers`) is supplied by
// the test. "Expired" is a cookie whose JWT `exp` has passed.
//
// "Nothing sent upstream" is observed on the wire: every HTTPS request this process makes (all
// Kubernetes traffic goes through node:https, server/k8s/transport.ts) is counted by a pass-through
// wrapper, with the Impersonate-User it carried. A refused cell must add none; writes Kubernetes
// refused leave the Deployment's resourceVersion as it was.
//
// Admin: sign-in cannot produce `system:masters` by design (server/auth/identity-mapping.ts drops
// provider groups in the reserved system: namespace unless the operator maps them), so the admin
// row is a session whose token says what an operator's group map would produce:
// { user: 'admin', groups: ['system:masters'] } — the kubeconfig's admin identity.

const env = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'matrix-only-Qw7Zr2Lk9Xv4Tn1Mb8Hc5Jd3Ys6Ug0Pe';
  return { jar: new Map<string, string>() };
});

const wire = vi.hoisted(() => ({
  requests: [] as { host: string; method: string; path: string; user: string | null }[],
}));

vi.mock('node:https', async (importOriginal) => {
  const real = await importOriginal<typeof NodeHttps>();
  const request = ((...args: Parameters<typeof real.request>) => {
    const [first, second] = args;
    const url = typeof first === 'string' || first instanceof URL ? new URL(first) : null;
    const opts = (url ? second : first) as NodeHttps.RequestOptions | undefined;
    const headers = (opts?.headers ?? {}) as Record<string, unknown>;
    const user = Object.entries(headers).find(([k]) => k.toLowerCase() === 'impersonate-user')?.[1];
    wire.requests.push({
      host: url?.host ?? `${opts?.hostname ?? opts?.host}:${opts?.port}`,
      method: String(opts?.method ?? 'GET').toUpperCase(),
      path: url ? url.pathname + url.search : String(opts?.path),
      user: typeof user === 'string' ? user : null,
    });
    return real.request(...args);
  }) as typeof real.request;
  return { ...real, default: { ...real, request }, request };
});

vi.mock('next/headers', () => ({
  cookies: () => Promise.resolve({ getAll: () => [...env.jar].map(([name, value]) => ({ name, value })) }),
  headers: () => Promise.resolve(new Headers()),
}));

// next-auth's RSC form reads next/headers from inside node_modules (outside vitest's module
// graph); its (req, res, options) form runs the same session handler on the cookies given.
vi.mock('next-auth', async (importOriginal) => {
  const real = await importOriginal<typeof NextAuth>();
  const res = { getHeader: () => undefined, setHeader: () => undefined, setCookie: () => undefined };
  return {
    ...real,
    getServerSession: (options: unknown) =>
      real.getServerSession(
        { headers: {}, cookies: Object.fromEntries(env.jar) } as never,
        res as never,
        options as never,
      ),
  };
});

process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wheelhouse-matrix-'));

const { GET: listRoute } = await import('@/app/api/k8s/[cluster]/[kind]/route');
const { GET: objectRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/route');
// Next.js serves /api/k8s/<cluster>/tls-secrets/… from this static segment, not from [kind] (ADR 0013).
const { GET: tlsObjectRoute } = await import('@/app/api/k8s/[cluster]/tls-secrets/[namespace]/[name]/route');
const { GET: secretObjectRoute } = await import('@/app/api/k8s/[cluster]/secrets/[namespace]/[name]/route');
const { POST: actionRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/actions/[action]/route');
const { GET: streamRoute } = await import('@/app/api/stream/route');
const { clusterCache } = await import('@/server/k8s/registry');
const { auditStore } = await import('@/server/audit/store');

type Who = 'anonymous' | 'expired' | 'bob' | 'alice' | 'admin';
const PEOPLE: Record<Exclude<Who, 'anonymous'>, { user: string; groups: string[]; maxAge: number }> = {
  expired: { user: 'alice', groups: ['wheelhouse:operators'], maxAge: -60 },
  bob: { user: 'bob', groups: ['wheelhouse:developers'], maxAge: 3600 },
  alice: { user: 'alice', groups: ['wheelhouse:operators'], maxAge: 3600 },
  admin: { user: 'admin', groups: ['system:masters'], maxAge: 3600 },
};
const cookies = new Map<Who, string>();

async function as(who: Who): Promise<void> {
  env.jar.clear();
  const cookie = cookies.get(who);
  if (cookie) env.jar.set('next-auth.session-token', cookie);
}

const admin = clients('admin');
let ns = '';
const SECRET_VALUE = 'matrix-top-secret-value';

async function live(): Promise<{ resourceVersion: string; generation: number; replicas: number }> {
  const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
  return {
    resourceVersion: d.metadata?.resourceVersion ?? '',
    generation: d.metadata?.generation ?? 0,
    replicas: d.spec?.replicas ?? 0,
  };
}

/** Waits for the rollout to finish, so controllers stop rewriting the status under our writes. */
async function settled(): Promise<void> {
  await waitFor(
    async () => {
      const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      const s = d.status;
      const want = d.spec?.replicas ?? 0;
      return (
        s?.observedGeneration === d.metadata?.generation && s?.updatedReplicas === want && s?.availableReplicas === want
      );
    },
    60_000,
    'web rolled out',
  );
}

/** What a write would change: the generation (bumped by every spec change), replicas and image. */
async function spec(): Promise<{ generation: number; replicas: number; image: string | undefined }> {
  const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
  return {
    generation: d.metadata?.generation ?? 0,
    replicas: d.spec?.replicas ?? 0,
    image: d.spec?.template.spec?.containers[0]?.image,
  };
}

const origin = 'http://localhost';
const list = () =>
  listRoute(new Request(`${origin}/api/k8s/local/deployments?limit=1000`), {
    params: Promise.resolve({ cluster: 'local', kind: 'deployments' }),
  });
const getSecret = (kind: 'secrets' | 'tls-secrets') =>
  (kind === 'tls-secrets' ? tlsObjectRoute : secretObjectRoute)(
    new Request(`${origin}/api/k8s/local/${kind}/${ns}/matrix-secret`),
    { params: Promise.resolve({ cluster: 'local', kind, namespace: ns, name: 'matrix-secret' }) },
  );
async function action(name: 'scale' | 'rollback', body: Record<string, unknown>) {
  const url = `${origin}/api/k8s/local/deployments/${ns}/web/actions/${name}`;
  const request = new Request(url, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
    body: JSON.stringify(body),
  });
  const params = { cluster: 'local', kind: 'deployments', namespace: ns, name: 'web', action: name };
  return actionRoute(request, { params: Promise.resolve(params) });
}
const stream = (signal: AbortSignal) =>
  streamRoute(new Request(`${origin}/api/stream?sub=local:deployments:${ns}`, { signal }));

/** Reads an SSE body until `until` matches the text read so far, or the time is up. */
const readers = new WeakMap<Response, { reader?: ReadableStreamDefaultReader<Uint8Array>; text: string }>();
async function readStream(res: Response, until: RegExp, ms: number): Promise<string> {
  const state = readers.get(res) ?? { reader: res.body?.getReader(), text: '' };
  readers.set(res, state);
  const { reader } = state;
  let text = '';
  const deadline = Date.now() + ms;
  while (reader && !until.test(text) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (!chunk || chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  state.text += text;
  return text;
}

async function auditByRequest(requestId: string) {
  const page = await (await auditStore()).list({ cluster: 'local' }, { limit: 200 });
  return page.entries.find((e) => e.requestId === requestId);
}

/** Runs `call` and returns what it sent to the API server meanwhile. */
async function sent<T>(call: () => Promise<T>): Promise<{ result: T; requests: typeof wire.requests }> {
  const from = wire.requests.length;
  const result = await call();
  return { result, requests: wire.requests.slice(from) };
}

beforeAll(async () => {
  for (const [who, p] of Object.entries(PEOPLE)) {
    // What the jwt callback issues (ADR 0011): sign-in time and method; `oidc` keeps the token's groups.
    const token = {
      user: p.user,
      groups: p.groups,
      sid: randomUUID(),
      auth: Math.floor(Date.now() / 1000),
      src: 'oidc',
    };
    cookies.set(who as Who, await encode({ token, secret: process.env.NEXTAUTH_SECRET ?? '', maxAge: p.maxAge }));
  }
  ns = await createNamespace(admin, 'matrix');
  await admin.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'matrix-secret' }, stringData: { password: SECRET_VALUE } },
  });
  await admin.apps.createNamespacedDeployment({
    namespace: ns,
    body: deployment('web', { replicas: 1, image: 'web:1' }),
  });
  // A second revision, so there is something to roll back to.
  await waitFor(async () => (await live()).generation === 1, 30_000, 'web created');
  await admin.apps.patchNamespacedDeployment(
    {
      name: 'web',
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'web:2' }],
    },
    jsonPatch,
  );
  await waitFor(
    async () => {
      const rs = await admin.apps.listNamespacedReplicaSet({ namespace: ns });
      return rs.items.length === 2;
    },
    30_000,
    'two revisions',
  );
  await settled();
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
  if (ns) await deleteNamespace(admin, ns);
});

describe.each(['anonymous', 'expired'] as const)('%s: 401 everywhere, nothing sent upstream', (who) => {
  it('list, get Secret, scale, rollback, stream', async () => {
    await as(who);
    const before = await live();
    const specBefore = await spec();
    const { result, requests } = await sent(async () => {
      const abort = new AbortController();
      const statuses = [
        (await list()).status,
        (await getSecret('secrets')).status,
        (await getSecret('tls-secrets')).status,
        (await action('scale', { requestId: randomUUID(), ...before, replicas: 4 })).status,
        (await action('rollback', { requestId: randomUUID(), ...before, toRevision: 1 })).status,
        (await stream(abort.signal)).status,
      ];
      abort.abort();
      return statuses;
    });
    expect(result).toEqual([401, 401, 401, 401, 401, 401]);
    expect(requests).toEqual([]);
    expect(await spec()).toEqual(specBefore);
  });
});

describe('get Secret: never served with data, for anyone', () => {
  it.each(['bob', 'alice', 'admin'] as const)('%s', async (who) => {
    await as(who);
    // Secrets are read as the person, stripped to key sizes (ADR 0019): bob may not list them here;
    // alice (operators may list Secrets) and admin get the keys, never a value.
    const plain = await getSecret('secrets');
    expect(plain.status).toBe(who === 'bob' ? 403 : 200);
    const tls = await getSecret('tls-secrets');
    // An Opaque Secret is not a TLS Secret (the cache holds only kubernetes.io/tls, reduced on
    // arrival); bob may not even ask in this namespace.
    expect(tls.status).toBe(who === 'bob' ? 403 : 404);
    // The generic object route never serves a person-read kind (it is not in the shared cache).
    const generic = await objectRoute(new Request(`${origin}/api/k8s/local/secrets/${ns}/matrix-secret`), {
      params: Promise.resolve({ cluster: 'local', kind: 'secrets', namespace: ns, name: 'matrix-secret' }),
    });
    expect(generic.status).toBeGreaterThanOrEqual(400);
    expect(generic.status).toBeLessThan(500);
    for (const body of [await plain.text(), await tls.text(), await generic.text()]) {
      expect(body).not.toContain(SECRET_VALUE);
      expect(body).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
      expect(body).not.toMatch(/"data"|BEGIN [A-Z ]*(CERTIFICATE|KEY)/);
    }
  });
});

describe('list', () => {
  it('bob gets only his namespaces; alice and admin see the test namespace', async () => {
    const namespaces = async (who: Who) => {
      await as(who);
      const res = await list();
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { namespace: string }[] };
      return new Set(body.items.map((i) => i.namespace));
    };
    expect([...(await namespaces('bob'))].sort()).toEqual(['shop-backend', 'shop-frontend']);
    expect(await namespaces('alice')).toContain(ns);
    expect(await namespaces('admin')).toContain(ns);
  });
});

describe('stream', () => {
  it('opens for bob, alice and admin; only those who may list the namespace get its changes', async () => {
    const opened: { who: Who; res: Response; abort: AbortController }[] = [];
    for (const who of ['bob', 'alice', 'admin'] as const) {
      await as(who);
      const abort = new AbortController();
      const res = await stream(abort.signal);
      expect(res.status).toBe(200);
      expect(await readStream(res, /event: ready/, 15_000)).toMatch(/event: ready/);
      opened.push({ who, res, abort });
    }
    await admin.apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: { metadata: { labels: { matrix: 'touched' } } } },
      mergePatch,
    );
    const seen = await Promise.all(opened.map((o) => readStream(o.res, /event: change/, 10_000)));
    for (const o of opened) o.abort.abort();
    expect(seen[1]).toMatch(/event: change/); // alice
    expect(seen[2]).toMatch(/event: change/); // admin
    expect(seen[0]).not.toContain('event: change'); // bob, after waiting as long
  });
});

describe('scale and rollback', () => {
  it('bob: refused by the API server (403), recorded as denied, nothing written', async () => {
    await as('bob');
    const before = await live();
    const specBefore = await spec();
    for (const [name, extra] of [
      ['scale', { replicas: 3 }],
      ['rollback', { toRevision: 1 }],
    ] as const) {
      const requestId = randomUUID();
      const { result, requests } = await sent(() => action(name, { requestId, ...before, ...extra }));
      expect(result.status).toBe(403);
      expect(await result.json()).toMatchObject({ ok: false, code: 'forbidden' });
      // Sent as bob — the API server decided — and not a single write went out. The only requests
      // not made as bob are reads that fill the shared cache (the namespace list the actions route
      // checks first, discovery): never a write, never the workload itself.
      expect(requests.length).toBeGreaterThan(0);
      const notBob = requests.filter((r) => r.user !== 'bob');
      expect(requests.filter((r) => r.path.includes('/deployments')).every((r) => r.user === 'bob')).toBe(true);
      expect(notBob.every((r) => r.method === 'GET' && r.user === null)).toBe(true);
      expect(notBob.filter((r) => r.path.includes('/deployments') || r.path.includes('/replicasets'))).toEqual([]);
      expect(await auditByRequest(requestId)).toMatchObject({
        user: 'bob',
        action: name,
        result: 'denied',
        status: 403,
      });
    }
    expect(await spec()).toEqual(specBefore);
  });

  it('alice: scale and rollback in her namespaces are done and recorded', async () => {
    await as('alice');
    const requestId = randomUUID();
    const scaled = await action('scale', { requestId, ...(await live()), replicas: 2, reason: 'matrix alice' });
    expect(scaled.status).toBe(200);
    expect(await scaled.json()).toMatchObject({ ok: true, params: { replicas: { from: 1, to: 2 } } });
    expect((await live()).replicas).toBe(2);
    expect(await auditByRequest(requestId)).toMatchObject({ user: 'alice', result: 'ok', reason: 'matrix alice' });

    await settled();
    const rolled = await action('rollback', { requestId: randomUUID(), ...(await live()), toRevision: 1 });
    expect(rolled.status).toBe(200);
    expect(await rolled.json()).toMatchObject({ ok: true });
    const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('web:1');
  });

  it('admin: scale and rollback are done', async () => {
    await as('admin');
    await settled();
    const scaled = await action('scale', { requestId: randomUUID(), ...(await live()), replicas: 1 });
    expect(scaled.status).toBe(200);
    expect((await live()).replicas).toBe(1);
    await settled();
    const rolled = await action('rollback', { requestId: randomUUID(), ...(await live()), toRevision: 2 });
    expect(rolled.status).toBe(200);
    const d = await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('web:2');
  });
});
