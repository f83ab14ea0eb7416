// A production server of its own for the operations specs (metrics scrape, graceful shutdown): the
// build from WHEELHOUSE_DIST_DIR served by `next start` in its own process, with stdout kept (the
// JSON request logs are asserted on) and the exit code reported. Signals go to that process itself,
// as Kubernetes sends SIGTERM to the container's PID 1.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LOCAL_USERS } from './test-accounts';

const NEXT_BIN = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

export interface OpsServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Parsed JSON log lines from stdout. */
  logLines(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export { LOCAL_USERS };

export async function startOpsServer(port: number, env: Record<string, string>): Promise<OpsServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wheelhouse-ops-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      WHEELHOUSE_DIST_DIR: process.env.WHEELHOUSE_DIST_DIR || '.next',
      WHEELHOUSE_DATA_DIR: dataDir,
      NEXTAUTH_URL: url,
      // Test-only secret, as in playwright.config.ts.
      NEXTAUTH_SECRET: 'e2e-only-k3Rf9wQ2mZx7Lp4Tn8Vb1Hc6Jd0Ys5Ug',
      WHEELHOUSE_USERS_FILE: join(process.cwd(), 'e2e', 'support', 'users.yaml'),
      WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090',
      WHEELHOUSE_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: OpsServer = {
    url,
    dataDir,
    child,
    exited,
    output: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited (${child.exitCode}):\n${server.output()}`);
    const status = await fetch(`${url}/api/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`server on ${port} was not ready within 120 s:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
