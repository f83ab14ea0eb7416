import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { prepareStandalone, startStandaloneServer } from '../e2e/support/standalone-server';

// The Wheelhouse server under test, run the way it is deployed: the standalone output's `node
// server.js` through the production runner (e2e/support/standalone-server.ts: as uid 10001 when run as
// root, a read-only app tree, one writable data dir, only the environment a Deployment gives), built
// in its own dist dir so the benchmark never touches anyone's `.next`. Memory is read from /proc (VmRSS).

export const REPO_ROOT = join(__dirname, '..');
const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

type Log = (msg: string) => void;

/** The environment a Deployment would give the server; `extra` carries sign-in and metrics settings. */
export function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090',
    // The benchmark stops the server itself; no balancer needs the readiness drain.
    WHEELHOUSE_SHUTDOWN_DRAIN_MS: '0',
    ...extra,
  };
}

/** `next build` (output: 'standalone') into distDir unless a build is there (or `force`). Leaves tsconfig.json as it was. */
export function ensureBuild(distDir: string, force: boolean, log: Log): void {
  if (!force && existsSync(join(REPO_ROOT, distDir, 'standalone', 'server.js'))) return;
  log(`building into ${distDir} (next build)`);
  const tsconfigPath = join(REPO_ROOT, 'tsconfig.json');
  const before = readFileSync(tsconfigPath, 'utf8');
  const res = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', WHEELHOUSE_DIST_DIR: distDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  restoreTsconfig(tsconfigPath, before, distDir);
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status})`);
}

/** `next build` adds `<distDir>/types/**` to tsconfig's include; undo exactly that and nothing else. */
function restoreTsconfig(path: string, before: string, distDir: string): void {
  const after = readFileSync(path, 'utf8');
  if (after === before) return;
  type Tsconfig = Record<string, unknown> & { include?: string[] };
  const strip = (t: Tsconfig) => ({ ...t, include: (t.include ?? []).filter((p) => !p.startsWith(`${distDir}/`)) });
  const same =
    JSON.stringify(strip(JSON.parse(after) as Tsconfig)) === JSON.stringify(strip(JSON.parse(before) as Tsconfig));
  if (same) writeFileSync(path, before);
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** Spawn → first 200 from /api/readyz (config valid, audit database up, the cluster's caches listed). */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the standalone server on a fresh data dir (a first start: no sessions, audit rows or
 * counters) and resolves once it is ready; its output goes to `logFile` when it stops.
 */
export async function startServer(
  distDir: string,
  port: number,
  logFile: string,
  env: Record<string, string>,
): Promise<RunningServer> {
  // Copies static files beside server.js once per build; done first so it is not counted as startup.
  await prepareStandalone(distDir);
  const spawnedAt = performance.now();
  const server = await startStandaloneServer({
    distDir,
    port,
    env: serverEnv(env),
    dataDir: join(REPO_ROOT, distDir, 'bench-data'),
    freshData: true,
    timeoutMs: 300_000,
  });
  return {
    pid: server.pid,
    baseUrl: server.url,
    spawnedAt,
    readyMs: server.startupMs,
    async stop() {
      await server.stop();
      writeFileSync(logFile, server.logs());
    },
  };
}

/** `pid` and its descendants (next may run workers), from /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return out;
}

/** VmRSS (bytes) from /proc/<pid>/status text; 0 when absent. */
export function parseVmRss(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resident memory of the server: VmRSS summed over its process tree, in bytes. */
export function serverRss(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    try {
      return sum + parseVmRss(readFileSync(`/proc/${p}/status`, 'utf8'));
    } catch {
      return sum;
    }
  }, 0);
}
