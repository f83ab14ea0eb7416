// HAProxy (Debian's `haproxy`) in front of several Wheelhouse replicas, for the two-replica e2e test
// (e2e/replicas.spec.ts). The configuration is generated into a temporary directory and HAProxy runs
// in the foreground (`-db`) as a child of the test, so stopping the test stops it.
//
// What Server-Sent Events need from a balancer, and how this configuration gives it:
//  - no response buffering: HAProxy streams HTTP bodies as they arrive (no compression configured);
//  - idle timeouts longer than the server's heartbeat (15 s, server/http/event-stream.ts): an open
//    stream is a long response, governed by `timeout server`/`timeout client`, and by `timeout tunnel`
//    once a connection is a tunnel (WebSocket, CONNECT); all three are set well above the heartbeat;
//  - a replica that is gone does not end a reconnecting stream with an error page (EventSource gives up
//    for good on a non-200 answer): `retries` + `option redispatch` send the attempt to another server,
//    and the health check takes the dead one out of the rotation within `inter × fall`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Backend {
  /** Server name in HAProxy's configuration and logs, e.g. `a`. */
  name: string;
  port: number;
}

export interface HaproxyOptions {
  port: number;
  /** Runtime API socket (`show stat`); generated into the temporary directory when not given. */
  statsSocket?: string;
  backends: readonly Backend[];
  /** Path the health check GETs on each replica; any 2xx/3xx answer counts as up. */
  healthPath: string;
}

export interface Haproxy {
  url: string;
  pid: number;
  /** HAProxy's own output: one line per request (`option httplog`), naming the server that answered. */
  logs(): string;
  /** Each server's state as the health checks see it, e.g. { a: 'UP', b: 'DOWN' }. */
  serverStates(): Promise<Record<string, string>>;
  /** Resolves once the health checks have put `name` (back) into the rotation. */
  waitUntilUp(name: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function haproxyConfig(opts: HaproxyOptions): string {
  const servers = opts.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 1s fall 2 rise 2`);
  return [
    'global',
    '  log stdout format raw local0 info',
    ...(opts.statsSocket ? [`  stats socket ${opts.statsSocket} mode 600 level user`] : []),
    '  maxconn 2000',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    // The replicas see the client's address in the last X-Forwarded-For entry (server/security/client-ip.ts).
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '',
    'frontend wheelhouse',
    `  bind 127.0.0.1:${opts.port}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    // Each request is balanced on its own (no prefer-last-server), so consecutive requests alternate.
    '  balance roundrobin',
    `  option httpchk GET ${opts.healthPath}`,
    '  http-check expect status 200-399',
    ...servers,
    '',
  ].join('\n');
}

export function haproxyAvailable(): boolean {
  return spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** Starts HAProxy and resolves once it accepts connections on `port`. */
export async function startHaproxy(opts: HaproxyOptions): Promise<Haproxy> {
  if (!haproxyAvailable()) {
    throw new Error('haproxy is not installed: run `sudo bash local-cluster/scripts/install-deps.sh`');
  }
  const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  const socket = opts.statsSocket ?? join(dir, 'stats.sock');
  writeFileSync(config, haproxyConfig({ ...opts, statsSocket: socket }));
  const check = spawnSync('haproxy', ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`haproxy rejected its configuration: ${check.stdout}${check.stderr}`);
  }
  const child = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 5_000) output.splice(0, output.length - 5_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = () => stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true }));
  try {
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${output.join('')}`);
      await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return true;
    }, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const serverStates = () => showStat(socket);
  const waitUntilUp = async (name: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let states: Record<string, string> = {};
    while (Date.now() < deadline) {
      states = await serverStates().catch(() => ({}));
      if (states[name]?.startsWith('UP')) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`haproxy did not put ${name} into rotation within ${timeoutMs} ms: ${JSON.stringify(states)}`);
  };
  return { url, pid: child.pid ?? 0, logs: () => output.join(''), serverStates, waitUntilUp, stop };
}

/** `show stat` on the runtime API: the status column of every server (not the frontend/backend rows). */
function showStat(socket: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket);
    let text = '';
    conn.setTimeout(5_000, () => conn.destroy(new Error('haproxy stats socket timed out')));
    conn.on('connect', () => conn.end('show stat\n'));
    conn.on('data', (d: Buffer) => (text += d.toString('utf8')));
    conn.on('error', reject);
    conn.on('close', () => {
      const [header = '', ...rows] = text.trim().split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const [sv, status] = [columns.indexOf('svname'), columns.indexOf('status')];
      const states: Record<string, string> = {};
      for (const row of rows) {
        const cells = row.split(',');
        const name = cells[sv] ?? '';
        if (name && name !== 'FRONTEND' && name !== 'BACKEND') states[name] = cells[status] ?? '';
      }
      resolve(states);
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('haproxy exited')) throw err;
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`haproxy did not answer within ${timeoutMs} ms: ${String(last)}`);
}

/** Ends a child started with `detached: true` (its own process group) and waits for its exit. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const group = -child.pid;
  const send = (s: NodeJS.Signals) => {
    try {
      process.kill(group, s);
    } catch {
      // already gone
    }
  };
  send(signal);
  const timer = setTimeout(() => send('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
