import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Identity } from '@/server/auth/identity';
import { signedIn as who } from '@/server/auth/testing/fake-identity';

// The route handlers' exported GET functions, called directly against the real local cluster.
// Only "who is signed in" is replaced (sign-in has its own tests); everything below the handler —
// cluster registry, shared cache, SubjectAccessReviews, the stream hub — is real.

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));

const { GET: listRoute } = await import('@/app/api/k8s/[cluster]/[kind]/route');
const { GET: clustersRoute } = await import('@/app/api/clusters/route');
const { GET: streamRoute } = await import('@/app/api/stream/route');
const { clusterCache } = await import('@/server/k8s/registry');

const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };

interface ListBody {
  items: { namespace?: string; name: string }[];
  total: number;
  cache: { state: string };
  stream: string;
}

function list(cluster: string, kind: string, query = '', headers: Record<string, string | string[]> = {}) {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) for (const one of [v].flat()) h.append(k, one);
  const request = new Request(`http://localhost/api/k8s/${cluster}/${kind}${query}`, { headers: h });
  return listRoute(request, { params: Promise.resolve({ cluster, kind }) });
}

const namespacesOf = (body: ListBody) => [...new Set(body.items.map((i) => i.namespace))].sort();

beforeEach(() => {
  who.identity = null;
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

describe('GET /api/k8s/<cluster>/<kind>', () => {
  it('answers 401 without a signed-in person, before looking at anything else', async () => {
    const res = await list('nope', 'nope');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { kind: 'unauthenticated', message: 'Sign in to use the dashboard' } });
  });

  it('answers 404 for an unknown cluster or kind, 400 with the reason for an invalid query', async () => {
    who.identity = alice;
    const cluster = await list('elsewhere', 'pods');
    expect(cluster.status).toBe(404);
    expect(await cluster.json()).toMatchObject({ error: { kind: 'not-found', message: 'No such cluster' } });
    const kind = await list('local', 'widgets');
    expect(kind.status).toBe(404);
    expect(await kind.json()).toMatchObject({ error: { message: 'No such kind' } });
    const badParam = await list('Local_1', 'pods');
    expect(badParam.status).toBe(404);

    const limit = await list('local', 'pods', '?limit=5000');
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as { error: { message: string } }).error.message).toMatch(/Invalid query: .*limit/s);
    const ns = await list('local', 'pods', '?namespace=Not_A_Label');
    expect(ns.status).toBe(400);
    expect(((await ns.json()) as { error: { message: string } }).error.message).toMatch(/DNS label/);
    const selector = await list('local', 'pods', '?labelSelector=' + encodeURIComponent('app in (a'));
    expect(selector.status).toBe(400);
    expect(((await selector.json()) as { error: { message: string } }).error.message).toMatch(/label selector/i);
  });

  it('serves each person what the API server lets them list: bob his teams, alice everything', async () => {
    who.identity = bob;
    const forBob = await list('local', 'pods', '?limit=1000');
    expect(forBob.status).toBe(200);
    expect(forBob.headers.get('cache-control')).toBe('private, no-store');
    const bobBody = (await forBob.json()) as ListBody;
    expect(bobBody.items.length).toBeGreaterThan(0);
    expect(namespacesOf(bobBody)).toEqual(['shop-backend', 'shop-frontend']);
    expect(bobBody.cache.state).toBe('ready');
    expect(bobBody.stream).toMatch(/^[0-9a-f]{8}-\d+$/);

    who.identity = alice;
    const aliceBody = (await (await list('local', 'pods', '?limit=1000')).json()) as ListBody;
    expect(namespacesOf(aliceBody)).toContain('data-platform');
    expect(aliceBody.total).toBeGreaterThan(bobBody.total);

    // bob asking for a namespace he may not read gets an empty page, not someone else's pods
    who.identity = bob;
    const other = (await (await list('local', 'pods', '?namespace=data-platform')).json()) as ListBody;
    expect(other.items).toEqual([]);
  });

  it('ignores Impersonate-* headers the client sends', async () => {
    who.identity = bob;
    const plain = (await (await list('local', 'pods', '?limit=1000')).json()) as ListBody;
    const forged = await list('local', 'pods', '?limit=1000', {
      'Impersonate-User': 'wheelhouse-admin',
      'Impersonate-Group': ['system:masters', 'wheelhouse:operators'],
    });
    expect(forged.status).toBe(200);
    const forgedBody = (await forged.json()) as ListBody;
    expect(namespacesOf(forgedBody)).toEqual(['shop-backend', 'shop-frontend']);
    expect(forgedBody.total).toBe(plain.total);
    // cluster-scoped kinds bob may not list stay empty too
    const nodes = (await (
      await list('local', 'namespaces', '', { 'Impersonate-Group': 'system:masters' })
    ).json()) as ListBody;
    const nodesPlain = (await (await list('local', 'namespaces')).json()) as ListBody;
    expect(nodes.total).toBe(nodesPlain.total);
  });
});

describe('GET /api/clusters', () => {
  it('answers 401 without a signed-in person', async () => {
    expect((await clustersRoute()).status).toBe(401);
  });

  it('reports version, reachability, last contact and per-kind cache state', async () => {
    who.identity = bob;
    await list('local', 'pods'); // make sure the pods reflector runs
    const res = await clustersRoute();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const { clusters } = (await res.json()) as {
      clusters: {
        name: string;
        reachable: boolean;
        version?: { gitVersion: string };
        lastContactAt?: string;
        kinds: { kind: string; state: string; objects: number }[];
      }[];
    };
    expect(clusters.map((c) => c.name)).toEqual(['local']);
    const local = clusters[0];
    expect(local?.reachable).toBe(true);
    expect(local?.version?.gitVersion).toBe('v1.20.2');
    expect(Date.now() - Date.parse(local?.lastContactAt ?? '')).toBeLessThan(60_000);
    const pods = local?.kinds.find((k) => k.kind === 'pods');
    expect(pods?.state).toBe('ready');
    expect(pods?.objects).toBeGreaterThan(0);
  });
});

describe('GET /api/stream', () => {
  const stream = (query: string, signal?: AbortSignal) =>
    streamRoute(new Request(`http://localhost/api/stream${query}`, { signal }));

  it('answers 401, then 400 for an invalid subscription and 404 for an unknown cluster', async () => {
    expect((await stream('?sub=local:pods')).status).toBe(401);
    who.identity = alice;
    const invalid = await stream('?sub=local:widgets');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/unknown kind/);
    expect((await stream('?sub=elsewhere:pods')).status).toBe(404);
  });

  it('opens an event stream that says from where it is complete', async () => {
    who.identity = alice;
    const abort = new AbortController();
    const res = await stream('?sub=local:pods', abort.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    let text = '';
    while (reader && !text.includes('event: ready')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    expect(text).toMatch(/id: [0-9a-f]{8}-\d+\nevent: ready\ndata: \{"from":"[0-9a-f]{8}-\d+"\}/);
  });
});
