// One Wheelhouse replica for the two-replica test: the production build served by `next start` on its
// own port, in its own process group (so SIGKILL takes the whole server down, as a crashed pod would).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { stopChild } from './haproxy';

export interface ReplicaOptions {
  distDir: string;
  port: number;
  env: Record<string, string>;
  dataDir: string;
}

export interface Replica {
  url: string;
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  logs(): string;
}

const NEXT_BIN = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

/** Starts a replica and resolves once it serves the sign-in page. */
export async function startReplica(opts: ReplicaOptions): Promise<Replica> {
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(opts.port)], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ...opts.env,
      NEXT_TELEMETRY_DISABLED: '1',
      WHEELHOUSE_DIST_DIR: opts.distDir,
      WHEELHOUSE_DATA_DIR: opts.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 2_000) output.splice(0, output.length - 2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${opts.port}`;
  const replica: Replica = {
    url,
    pid: child.pid ?? 0,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
    logs: () => output.join(''),
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`replica on ${opts.port} exited (${child.exitCode ?? child.signalCode}):\n${replica.logs()}`);
    }
    const ok = await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return replica;
    if (Date.now() > deadline) {
      await replica.stop('SIGKILL');
      throw new Error(`replica on ${opts.port} did not serve /sign-in within 120 s:\n${replica.logs()}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
