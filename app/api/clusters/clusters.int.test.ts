import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { clusterPaths } from '@/local-cluster/paths';

// Several clusters from a clusters file: the real local cluster, one whose API server refuses
// connections and one that accepts them and never answers. GET /api/clusters and the list API must
// report the broken ones with a clear message within the request deadline — never hang — while the
// real one keeps working. Only "who is signed in" is replaced.

const TIMEOUT_MS = 1_500;
const dir = mkdtempSync(join(tmpdir(), 'wh-clusters-'));
const sockets = new Set<Socket>();
let silent: Server | undefined;

vi.mock('@/server/auth/identity', () => ({
  currentIdentity: () => Promise.resolve({ user: 'alice', groups: ['wheelhouse:operators'] }),
}));

/** A copy of the local kubeconfig whose clusters point at `server`. */
function kubeconfigAt(name: string, server: string): string {
  const path = join(dir, `${name}.kubeconfig`);
  copyFileSync(clusterPaths().kubeconfig, path);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/server: .*/g, `server: ${server}`));
  return `./${name}.kubeconfig`;
}

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket); // accept, never answer
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  writeFileSync(
    join(dir, 'clusters.yaml'),
    [
      'clusters:',
      '  - name: local',
      `    kubeconfig: ${clusterPaths().kubeconfig}`,
      '    context: dashboard',
      '    prometheus: { url: "http://127.0.0.1:9090" }',
      '  - name: refused',
      `    kubeconfig: ${kubeconfigAt('refused', 'https://127.0.0.1:1')}`,
      '    context: dashboard',
      '  - name: silent',
      `    kubeconfig: ${kubeconfigAt('silent', `https://127.0.0.1:${port}`)}`,
      '    context: dashboard',
      '  - name: broken',
      `    kubeconfig: ${join(dir, 'no-such-dir', 'kubeconfig')}`,
      '    context: dashboard',
    ].join('\n'),
  );
  vi.stubEnv('WHEELHOUSE_CLUSTERS_FILE', join(dir, 'clusters.yaml'));
  vi.stubEnv('WHEELHOUSE_K8S_TIMEOUT_MS', String(TIMEOUT_MS));
});

afterAll(async () => {
  const { clusterCache } = await import('@/server/k8s/registry');
  await Promise.all(['local', 'refused', 'silent'].map((name) => clusterCache({ name }).stop()));
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

interface Health {
  name: string;
  reachable: boolean;
  version?: { gitVersion: string };
  error?: { kind: string; message: string };
}

describe('several clusters, some of them down', () => {
  it('lists every configured cluster with its reachability, promptly', async () => {
    const { listClusters } = await import('@/server/k8s/clusters');
    expect(listClusters().map((c) => [c.name, c.prometheus?.url])).toEqual([
      ['local', 'http://127.0.0.1:9090'],
      ['refused', undefined],
      ['silent', undefined],
      ['broken', undefined],
    ]);
    const { GET } = await import('@/app/api/clusters/route');
    const started = Date.now();
    const res = await GET();
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const { clusters } = (await res.json()) as { clusters: Health[] };
    const byName = new Map(clusters.map((c) => [c.name, c]));
    expect(byName.get('local')).toMatchObject({ reachable: true, version: { gitVersion: 'v1.20.2' } });
    expect(byName.get('refused')?.error).toEqual({
      kind: 'unreachable',
      message: 'Cannot reach cluster refused at https://127.0.0.1:1: connection refused',
    });
    expect(byName.get('silent')?.reachable).toBe(false);
    expect(byName.get('silent')?.error?.kind).toBe('timeout');
    expect(byName.get('silent')?.error?.message).toMatch(
      /^The API server of cluster silent at https:\/\/127\.0\.0\.1:\d+ did not answer/,
    );
    // A broken configuration is reported without the server's internals (file paths, parser text).
    expect(byName.get('broken')).toMatchObject({ reachable: false, error: { kind: 'config' } });
    expect(JSON.stringify(clusters)).not.toContain(dir);
    expect(byName.get('broken')?.error?.message).toBe(
      "The dashboard's connection to cluster broken is not configured correctly; an administrator can find the details in the server log",
    );
    // probed in parallel: one deadline, not one per cluster
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it('answers the list API for a down cluster with the reason, within the deadline', async () => {
    const { GET } = await import('@/app/api/k8s/[cluster]/[kind]/route');
    const list = (cluster: string) =>
      GET(new Request(`http://localhost/api/k8s/${cluster}/pods`), {
        params: Promise.resolve({ cluster, kind: 'pods' }),
      });
    for (const [cluster, kind, status] of [
      ['refused', 'unreachable', 502],
      ['silent', 'timeout', 504],
    ] as const) {
      const started = Date.now();
      const res = await list(cluster);
      expect(Date.now() - started, cluster).toBeLessThan(3 * TIMEOUT_MS);
      expect(res.status, cluster).toBe(status);
      const body = (await res.json()) as { error: { kind: string; message: string } };
      expect(body.error.kind, cluster).toBe(kind);
      expect(body.error.message, cluster).toContain(`cluster ${cluster} at https://127.0.0.1:`);
    }
    const local = await list('local');
    expect(local.status).toBe(200);
    expect(((await local.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });
});
