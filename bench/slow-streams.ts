import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

import bcrypt from 'bcryptjs';

import { signInWithPassword } from '../e2e/support/sign-in-http';
import { clients, createNamespace, deleteNamespace } from '../local-cluster/test/kube';
import { pool, sleep } from './pool';
import { REPO_ROOT, ensureBuild, parseVmRss, processTree, startServer } from './server';

// Memory of the server with slow stream consumers (issue 11, item 6): N raw HTTP clients open
// /api/stream, read the first bytes, then stop reading (socket paused: the kernel buffers fill and
// the server sees backpressure). Meanwhile Events with large messages are created in one namespace
// all of them subscribe to. Reports the server process tree's VmRSS before, during and after, and how
// many of the connections the server closed.
//
//   npx tsx bench/slow-streams.ts [--dist .next-h3b] [--port 3214] [--clients 50] [--users 10]
//                                 [--events 1500] [--message-kb 8] [--build]
//
// Several users (generated, bcrypt cost 4) so the per-user stream cap does not decide the result.

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const DIST = arg('dist', '.next-h3b');
const PORT = Number(arg('port', '3214'));
const CLIENTS = Number(arg('clients', '50'));
const USERS = Number(arg('users', '10'));
const EVENTS = Number(arg('events', '1500'));
const MESSAGE_KB = Number(arg('message-kb', '8'));

const log = (m: string) => console.log(`[slow-streams] ${m}`);

function rssOf(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      total += parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      // gone
    }
  }
  return total;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

interface SlowClient {
  socket: Socket;
  received: number;
  closedAt?: number;
}

/** Opens the stream, waits for its first bytes (the `ready` event), then stops reading. */
function openSlow(port: number, path: string, cookie: string): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const client: SlowClient = { socket, received: 0 };
    let head = '';
    let ready = false;
    socket.on('data', (chunk: Buffer) => {
      client.received += chunk.length;
      if (ready) return;
      head += chunk.toString('latin1');
      if (head.includes('event: ready')) {
        ready = true;
        socket.pause(); // from now on nothing is read: a consumer that stopped
        resolve(client);
      } else if (/^HTTP\/1\.1 (?!200)/.test(head)) {
        reject(new Error(head.split('\r\n')[0]));
      }
    });
    socket.on('close', () => (client.closedAt = Date.now()));
    socket.on('error', reject);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`,
    );
  });
}

async function main(): Promise<void> {
  const admin = clients('admin');
  ensureBuild(DIST, process.argv.includes('--build'), log);
  const dir = join(REPO_ROOT, DIST, 'slow-streams');
  mkdirSync(dir, { recursive: true });
  const password = 'slow-streams-bench-only';
  const hash = bcrypt.hashSync(password, 4);
  const names = Array.from({ length: USERS }, (_, i) => `slow${i}`);
  const usersFile = join(dir, 'users.yaml');
  writeFileSync(
    usersFile,
    `users:\n${names.map((n) => `  - name: ${n}\n    passwordHash: '${hash}'\n    groups: [wheelhouse:operators]\n`).join('')}`,
  );
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server = await startServer(DIST, PORT, join(dir, 'server.log'), {
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: 'slow-streams-bench-only-0123456789abcdef',
    WHEELHOUSE_USERS_FILE: usersFile,
    WHEELHOUSE_SIGNIN_PER_MINUTE: '1000',
  });
  const ns = await createNamespace(admin, 'h3b-slow');
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${baseUrl}/api/auth/csrf`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 120) throw new Error('server did not start');
      await sleep(500);
    }
    const cookies: string[] = [];
    for (const n of names) cookies.push(await signInWithPassword(baseUrl, n, password));
    // Warm the events reflector, so the first list is not counted as changes.
    const warm = await fetch(`${baseUrl}/api/k8s/local/events?namespace=${ns}`, {
      headers: { cookie: cookies[0] ?? '' },
    });
    if (!warm.ok) throw new Error(`warm-up list answered ${warm.status}`);
    const idle = rssOf(server.pid);
    log(`server pid ${server.pid}: RSS idle ${mb(idle)}`);

    const path = `/api/stream?sub=${encodeURIComponent(`local:events:${ns}`)}`;
    const streams: SlowClient[] = [];
    for (let i = 0; i < CLIENTS; i++) streams.push(await openSlow(PORT, path, cookies[i % cookies.length] ?? ''));
    const opened = rssOf(server.pid);
    log(`${CLIENTS} slow consumers open (${USERS} users): RSS ${mb(opened)}`);

    const message = 'x'.repeat(MESSAGE_KB * 1024);
    let peak = opened;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 250);
    const started = Date.now();
    await pool(
      Array.from({ length: EVENTS }, (_, i) => i),
      8,
      async (i) => {
        await admin.core.createNamespacedEvent({
          namespace: ns,
          body: {
            metadata: { name: `slow-${i}` },
            involvedObject: { kind: 'Pod', name: `p-${i}`, namespace: ns },
            reason: 'Bench',
            message: `${i} ${message}`,
            type: 'Normal',
          },
        });
      },
    );
    log(`${EVENTS} events of ${MESSAGE_KB} KB created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Let the server deliver (or queue) what is left: until RSS stops growing for 3 s (at most 60 s).
    for (let last = 0, still = 0, i = 0; still < 3 && i < 60; i++) {
      await sleep(1_000);
      const now = rssOf(server.pid);
      still = now <= last + 1024 * 1024 ? still + 1 : 0;
      last = Math.max(last, now);
    }
    clearInterval(sampler);
    const after = rssOf(server.pid);
    peak = Math.max(peak, after);
    // A paused socket does not report the server's FIN: read what is buffered, then count the ended ones
    // (a connection the server kept open goes on streaming and never ends).
    for (const s of streams) {
      s.socket.on('end', () => (s.closedAt ??= Date.now()));
      s.socket.resume();
    }
    await sleep(3_000);
    const closed = streams.filter((s) => s.closedAt !== undefined).length;
    const received = streams.map((s) => s.received).sort((a, b) => a - b);
    log(`bytes received per client after resuming: min ${received[0] ?? 0}, max ${received.at(-1) ?? 0}`);
    log(`RSS after changes ${mb(after)}, peak ${mb(peak)}; server closed ${closed}/${CLIENTS} slow connections`);
    const payload = EVENTS * MESSAGE_KB * 1024;
    log(`payload per stream ${mb(payload)} (x${CLIENTS} = ${mb(payload * CLIENTS)})`);
    console.log(
      JSON.stringify({
        clients: CLIENTS,
        users: USERS,
        events: EVENTS,
        messageKb: MESSAGE_KB,
        idle,
        opened,
        after,
        peak,
        closed,
      }),
    );
    for (const s of streams) s.socket.destroy();
  } finally {
    await server.stop();
    await deleteNamespace(admin, ns);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
