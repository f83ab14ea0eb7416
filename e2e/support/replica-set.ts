// Two Wheelhouse replicas behind HAProxy with one throwaway PostgreSQL database: the set-up of the
// two-replica test (e2e/replicas.spec.ts, issue 10 §3). Everything started here is stopped by `stop()`,
// also when starting failed half-way.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { clusterPaths } from '../../local-cluster/paths';
import { ensurePostgres, takeLease } from '../../local-cluster/postgres/postgres';
import { createTestDatabase, type TestDatabase } from '../../local-cluster/postgres/test-database';

import { startHaproxy, type Haproxy } from './haproxy';
import { prepareStandalone, startStandaloneServer, type StandaloneServer } from './standalone-server';

export type ReplicaName = 'a' | 'b';

export interface ReplicaSetOptions {
  distDir: string;
  ports: { balancer: number; a: number; b: number };
  /** Environment shared by both replicas (secrets, users file, cluster, limits). */
  env: Record<string, string>;
}

export interface ReplicaSet {
  balancerUrl: string;
  url(name: ReplicaName): string;
  /** SIGKILL (a crash) or SIGTERM (an orderly stop) of one replica. */
  stopReplica(name: ReplicaName, signal?: NodeJS.Signals): Promise<void>;
  startReplica(name: ReplicaName): Promise<void>;
  /** One query against the replicas' shared database. */
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Recent output of every process, for a failing test's report. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startReplicaSet(opts: ReplicaSetOptions): Promise<ReplicaSet> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((err: unknown) => console.warn('[replicas] cleanup failed:', err));
    }
  };
  const replicas = new Map<ReplicaName, StandaloneServer>();
  let balancer: Haproxy | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'wheelhouse-replicas-'));
  // Traversable, so each replica's own data dir inside it works for the image's uid (10001).
  chmodSync(dataDir, 0o755);
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const release = takeLease();
    cleanups.push(release);
    const server = await ensurePostgres();
    const database: TestDatabase = await createTestDatabase(server.url('postgres'), 'wh_replicas');
    cleanups.push(() => database.drop());
    const balancerUrl = `http://127.0.0.1:${opts.ports.balancer}`;
    const env = {
      WHEELHOUSE_KUBECONFIG: clusterPaths().kubeconfig,
      ...opts.env,
      DATABASE_URL: database.url,
      NEXTAUTH_URL: balancerUrl,
    };

    const start = async (name: ReplicaName) => {
      // As the image runs it (e2e/support/standalone-server.ts): node server.js, non-root, read-only tree.
      const replica = await startStandaloneServer({
        distDir: opts.distDir,
        port: opts.ports[name],
        // Each replica keeps its own data dir (as each pod would); only PostgreSQL is shared.
        dataDir: join(dataDir, name),
        env,
      });
      replicas.set(name, replica);
    };
    cleanups.push(async () => {
      for (const r of replicas.values()) await r.stop('SIGKILL');
    });
    // Once, before the parallel starts: preparing copies static files, which two at once would race on.
    await prepareStandalone(opts.distDir);
    await Promise.all([start('a'), start('b')]);
    balancer = await startHaproxy({
      port: opts.ports.balancer,
      backends: [
        { name: 'a', port: opts.ports.a },
        { name: 'b', port: opts.ports.b },
      ],
      healthPath: await healthPath(`http://127.0.0.1:${opts.ports.a}`),
    });
    const proxy = balancer;
    cleanups.push(() => proxy.stop());
    await Promise.all([proxy.waitUntilUp('a'), proxy.waitUntilUp('b')]);

    return {
      balancerUrl,
      url: (name) => `http://127.0.0.1:${opts.ports[name]}`,
      async stopReplica(name, signal = 'SIGTERM') {
        await replicas.get(name)?.stop(signal);
        replicas.delete(name);
      },
      async startReplica(name) {
        await start(name);
        // Back in the balancer's rotation only once its health checks pass again.
        await proxy.waitUntilUp(name);
      },
      async query<R extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        try {
          return (await client.query<R>(sql, params)).rows;
        } finally {
          await client.end();
        }
      },
      logs: () =>
        [...replicas.entries()]
          .map(([name, r]) => `--- replica ${name} (pid ${r.pid})\n${r.logs().slice(-200_000)}`)
          .concat(`--- haproxy\n${proxy.logs().slice(-100_000)}`)
          .join('\n'),
      stop,
    };
  } catch (err) {
    const logs = [...replicas.entries()].map(([n, r]) => `--- replica ${n}\n${r.logs().slice(-4_000)}`).join('\n');
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs}`);
  }
}

/**
 * The balancer's health check: readiness (`/api/readyz`, issue 10 §4) takes a replica out of the
 * rotation while it starts or drains; before the server had it, liveness, then the sign-in page.
 */
async function healthPath(replicaUrl: string): Promise<string> {
  for (const path of ['/api/readyz', '/api/healthz']) {
    const res = await fetch(`${replicaUrl}${path}`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (res?.ok) return path;
  }
  return '/sign-in';
}
