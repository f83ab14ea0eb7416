// A production server of its own for the operations specs (metrics scrape, graceful shutdown): the
// standalone build run exactly as the image's entrypoint runs it (e2e/support/standalone-server.ts:
// `node server.js`, non-root uid, read-only app tree, NEXT_MANUAL_SIG_HANDLE=true), with its JSON
// log lines readable and its exit code reported. Signals go to the server's own pid, as Kubernetes
// sends SIGTERM to the container's PID 1.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startStandaloneServer } from './standalone-server';
import { LOCAL_USERS } from './test-accounts';

export interface OpsServer {
  url: string;
  dataDir: string;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Parsed JSON log lines from stdout. */
  logLines(): Record<string, unknown>[];
  /** Sends a signal to the server process itself. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has ended by itself (never sends a signal). */
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

export { LOCAL_USERS };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startOpsServer(port: number, env: Record<string, string>): Promise<OpsServer> {
  const parent = mkdtempSync(join(tmpdir(), 'wheelhouse-ops-'));
  chmodSync(parent, 0o755); // the server's own uid must reach its data dir inside
  const dataDir = join(parent, 'data');
  const url = `http://127.0.0.1:${port}`;
  const server = await startStandaloneServer({
    distDir: process.env.WHEELHOUSE_DIST_DIR || '.next',
    port,
    dataDir,
    env: {
      NEXTAUTH_URL: url,
      // Test-only secret, as in playwright.config.ts.
      NEXTAUTH_SECRET: 'e2e-only-k3Rf9wQ2mZx7Lp4Tn8Vb1Hc6Jd0Ys5Ug',
      WHEELHOUSE_USERS_FILE: resolve(__dirname, 'users.yaml'),
      WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090',
      WHEELHOUSE_LOG_LEVEL: 'info',
      ...env,
    },
  });
  const exited = async (): Promise<number | null> => {
    while (alive(server.pid)) await new Promise((r) => setTimeout(r, 100));
    // Already gone: stop() only reports the exit code.
    return server.stop();
  };
  return {
    url,
    dataDir,
    pid: server.pid,
    output: server.logs,
    logLines: () =>
      server
        .logs()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    signal: (signal) => process.kill(server.pid, signal),
    exited,
    stop: async () => {
      if (alive(server.pid)) await server.stop('SIGKILL');
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
