import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shell's header asks for the cluster's health on every page. Its object counts cost a person who
// may read only some namespaces an access answer per namespace and kind; the header shows none, so it
// must not ask (issue 14: a developer's first rows waited behind ~0.5 s of these at 1,000 namespaces).

const readable = vi.fn(async () => new Set(['team-a']));

vi.mock('@/server/k8s/resources', () => ({ readableNamespaces: readable }));
vi.mock('@/server/k8s/transport', () => ({
  kubeJson: async () => ({ gitVersion: 'v1.20.2', platform: 'linux/amd64' }),
}));
vi.mock('@/server/k8s/cluster', () => ({
  clusterClients: () => ({ server: 'https://127.0.0.1:6443', kubeConfig: {} }),
  configuredClusterNames: () => ['local'],
}));
const store = { size: 3, indexValues: () => ['team-a', 'team-b'], byIndex: () => [{}, {}] };
vi.mock('@/server/k8s/registry', () => ({
  existingCache: () => ({
    name: 'local',
    health: () => ({ kinds: [{ kind: 'pods', state: 'stale', objects: 3 }], lastContactAt: undefined }),
    peek: () => ({ store, lastError: undefined }),
  }),
}));

const { clusterHealth } = await import('@/server/k8s/cluster-health');
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };

describe('clusterHealth', () => {
  beforeEach(() => readable.mockClear());

  it('counts the objects a person may read, by default', async () => {
    const health = await clusterHealth({ name: 'local' }, bob);
    expect(health.kinds).toEqual([{ kind: 'pods', state: 'stale', objects: 2, syncedAt: undefined, error: undefined }]);
    expect(readable).toHaveBeenCalledTimes(1);
  });

  it('asks no access question without counts, and still reports the stale kinds and the version', async () => {
    const health = await clusterHealth({ name: 'local' }, bob, { objectCounts: false });
    expect(readable).not.toHaveBeenCalled();
    expect(health.kinds).toEqual([
      { kind: 'pods', state: 'stale', objects: undefined, syncedAt: undefined, error: undefined },
    ]);
    expect(health.reachable).toBe(true);
    expect(health.version?.gitVersion).toBe('v1.20.2');
  });
});
