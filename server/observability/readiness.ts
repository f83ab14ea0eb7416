import 'server-only';

import { sql } from 'kysely';

import { auditDatabase } from '@/server/audit/database';
import { authProblems } from '@/server/auth/auth-env';
import { serverEnv } from '@/server/env';
import { listClusters } from '@/server/k8s/clusters';
import { warmupStates } from '@/server/k8s/warmup';
import { shutdownPhase } from '@/server/observability/shutdown';

// What /api/readyz decides (ADR 0014): ready = not shutting down, configuration valid, the audit
// database answers, and every cluster's caches are warm or the cluster was reported unreachable.
// Checks are cheap and cached briefly, so a probe every few seconds costs next to nothing.

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const DB_CHECK_TTL_MS = 2_000;
const DB_TIMEOUT_MS = 2_000;

const KEY = Symbol.for('wheelhouse.observability.readiness');
interface Cached {
  at: number;
  result: Promise<Check>;
}

function dbCache(): { current?: Cached } {
  const g = globalThis as typeof globalThis & { [KEY]?: { current?: Cached } };
  g[KEY] ??= {};
  return g[KEY];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function configCheck(): Check {
  try {
    const { auth } = serverEnv();
    const problems = auth.production ? authProblems(auth) : [];
    if (problems.length) return { name: 'config', ok: false, detail: problems.join('; ') };
    listClusters();
    return { name: 'config', ok: true };
  } catch (err) {
    return { name: 'config', ok: false, detail: message(err) };
  }
}

async function pingDatabase(): Promise<Check> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DB_TIMEOUT_MS} ms`)), DB_TIMEOUT_MS);
    });
    await Promise.race([auditDatabase().then((db) => sql`select 1`.execute(db)), timeout]);
    return { name: 'audit-database', ok: true };
  } catch (err) {
    return { name: 'audit-database', ok: false, detail: message(err) };
  } finally {
    clearTimeout(timer);
  }
}

function databaseCheck(now = Date.now()): Promise<Check> {
  const cache = dbCache();
  if (!cache.current || now - cache.current.at > DB_CHECK_TTL_MS) cache.current = { at: now, result: pingDatabase() };
  return cache.current.result;
}

function clusterChecks(): Check[] {
  return [...warmupStates()].map(([cluster, s]): Check => {
    const name = `cluster:${cluster}`;
    if (s.state === 'starting') return { name, ok: false, detail: 'caches starting' };
    if (s.state === 'ready') return { name, ok: true, detail: `caches warm after ${s.ms} ms` };
    return { name, ok: true, detail: `reported unreachable: ${s.reason}` };
  });
}

export async function readiness(): Promise<{ ready: boolean; checks: Check[] }> {
  const phase = shutdownPhase();
  const checks: Check[] = [{ name: 'shutdown', ok: phase === 'running', detail: phase }];
  const config = configCheck();
  checks.push(config);
  if (config.ok) checks.push(await databaseCheck(), ...clusterChecks());
  return { ready: checks.every((c) => c.ok), checks };
}
