// Event-loop delay while TLS Secrets are read as a person (ADR 0013) and some are hostile: N Secrets
// in a throwaway namespace, each with ~740 KB of repeated BEGIN lines in tls.crt (the old regex took
// ~17 s on one), listed as alice through the real API server and reduced.
//
//   npx tsx --conditions=react-server bench/tls-person-delay.ts [N=20]
//
// Needs the local cluster (npm run cluster:up). Prints the request's duration and
// perf_hooks.monitorEventLoopDelay's max/p99 during it.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clients, createNamespace, deleteNamespace, kubeConfig } from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';
import { tlsSecretsForUser } from '@/server/k8s/tls-source';

async function main() {
  const admin = clients('admin');
  const n = Number(process.argv[2] ?? '1');
  const ns = await createNamespace(admin, 'h3a-eld');
  try {
    const hostile = '-----BEGIN CERTIFICATE-----\n'.repeat(Math.floor((0.95 * 1024 * 1024) / 28 / 1.34));
    for (let i = 0; i < n; i++) {
      await admin.core.createNamespacedSecret({
        namespace: ns,
        body: {
          metadata: { name: `hostile-${i}` },
          type: 'kubernetes.io/tls',
          stringData: { 'tls.crt': hostile, 'tls.key': 'x' },
        },
      });
    }
    const cache = new ClusterCache(
      'local',
      kubeConfig('dashboard'),
      { requestTimeoutMs: 20_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 100 },
      () => undefined,
    );
    const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
    await tlsSecretsForUser(cache, alice, ['shop-frontend']); // warm the access cache and connection
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t0 = performance.now();
    const view = await tlsSecretsForUser(cache, alice, [ns]);
    const ms = performance.now() - t0;
    h.disable();
    console.log(
      JSON.stringify({
        secrets: n,
        tlsCrtBytesEach: hostile.length,
        requestMs: Math.round(ms),
        eventLoopDelayMs: { max: Math.round(h.max / 1e5) / 10, p99: Math.round(h.percentile(99) / 1e5) / 10 },
        facts: (view.objects[0] as { certificate?: unknown }).certificate,
      }),
    );
    await cache.stop();
  } finally {
    await deleteNamespace(admin, ns);
  }
}
void main();
