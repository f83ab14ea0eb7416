import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { sleep } from './pool';

// The Wheelhouse server under test: a production `next start` of a build in its own dist dir, so the
// benchmark never touches anyone's `.next`. The process's memory is read from /proc (VmRSS).

export const REPO_ROOT = join(__dirname, '..');
const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

type Log = (msg: string) => void;

/** The environment the server runs with; `extra` carries the sign-in settings (auth.ts). */
export function serverEnv(distDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    WHEELHOUSE_DIST_DIR: distDir,
    WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090',
    // Its own audit/session store, so the benchmark never writes into the demo's or the tests' data.
    WHEELHOUSE_DATA_DIR: join(REPO_ROOT, distDir, 'bench-data'),
    ...extra,
  };
}

/** `next build` into distDir unless a build is there (or `force`). Leaves tsconfig.json as it was. */
export function ensureBuild(distDir: string, force: boolean, log: Log): void {
  if (!force && existsSync(join(REPO_ROOT, distDir, 'BUILD_ID'))) return;
  log(`building into ${distDir} (next build)`);
  const tsconfigPath = join(REPO_ROOT, 'tsconfig.json');
  const before = readFileSync(tsconfigPath, 'utf8');
  const res = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: REPO_ROOT,
    env: serverEnv(distDir),
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
  stop(): Promise<void>;
}

export function startServer(
  distDir: string,
  port: number,
  logFile: string,
  env: Record<string, string>,
): RunningServer {
  const out = createWriteStream(logFile, { flags: 'a' });
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env: serverEnv(distDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!child.pid) throw new Error('could not start next start');
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${port}`,
    spawnedAt,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      out.end();
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
