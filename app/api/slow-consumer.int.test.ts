import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { signedIn as who } from '@/server/auth/testing/fake-identity';
import { clients, createNamespace, deleteNamespace, waitFor } from '@/local-cluster/test/kube';

// A client that stops reading the event stream (issue 11, item 6; ADR 0016), end to end below the
// browser: the real stream route, hub and shared cache against the real cluster, served by a real
// HTTP server that pipes the body exactly as Next.js does (its own `pipeToNodeResponse`, which waits
// for `drain`). A raw TCP client reads the first event and then nothing; large Events flow into the
// namespace it subscribed to. The server must close that connection once its buffer is full, not
// hold every frame for as long as the client stays connected. (Memory: bench/slow-streams.ts.)

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));
who.identity = { user: 'alice', groups: ['wheelhouse:operators'] };

const { GET: streamRoute } = await import('@/app/api/stream/route');
const { clusterCache } = await import('@/server/k8s/registry');
const { metricsRegistry } = await import('@/server/observability/metrics');
const { pipeToNodeResponse } = (await import('next/dist/server/pipe-readable.js')) as {
  pipeToNodeResponse: (body: ReadableStream<Uint8Array>, res: ServerResponse) => Promise<void>;
};

const admin = clients('admin');
let ns = '';
let server: Server;
let port = 0;

beforeAll(async () => {
  ns = await createNamespace(admin, 'h3b-slow');
  server = createServer((req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    void (async () => {
      const response = await streamRoute(new Request(`http://localhost${req.url ?? '/'}`, { signal: abort.signal }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await pipeToNodeResponse(response.body, res);
      else res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await clusterCache({ name: 'local' }).stop();
  await deleteNamespace(admin, ns);
});

async function closedSlow(): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric('wheelhouse_stream_closed_slow_total')?.get();
  return metric?.values[0]?.value ?? 0;
}

/** Opens the stream, reads until `ready`, then stops reading. Resolves with the socket. */
function openSlow(path: string): Promise<{ socket: Socket; ended: () => boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    let ready = false;
    let ended = false;
    socket.on('end', () => (ended = true));
    socket.on('close', () => (ended = true));
    socket.on('data', (chunk: Buffer) => {
      if (ready) return;
      head += chunk.toString('latin1');
      if (head.includes('event: ready')) {
        ready = true;
        socket.pause();
        resolve({ socket, ended: () => ended });
      }
    });
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
  });
}

describe('a stream client that stops reading', () => {
  it('is closed by the server once its buffer is full', async () => {
    const events = await import('@/lib/k8s/kinds/events');
    expect(await (await clusterCache({ name: 'local' }).reflector(events.eventsKind)).ready(15_000)).toBe(true);
    const before = await closedSlow();
    const slow = await openSlow(`/api/stream?sub=${encodeURIComponent(`local:events:${ns}`)}`);
    const message = 'x'.repeat(64 * 1024);
    // Up to 40 MB of changes (the kernel's socket buffers take the first few MB), until it is closed.
    let created = 0;
    while (created < 640 && (await closedSlow()) === before) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          admin.core.createNamespacedEvent({
            namespace: ns,
            body: {
              metadata: { name: `slow-${created + i}` },
              involvedObject: { kind: 'Pod', name: 'p', namespace: ns },
              reason: 'SlowConsumerTest',
              message,
              type: 'Normal',
            },
          }),
        ),
      );
      created += 8;
    }
    await waitFor(async () => (await closedSlow()) > before, 30_000, 'the server to close the slow stream', 200);
    // The client sees the end once it reads again: what was in the kernel buffers, then EOF.
    slow.socket.resume();
    await waitFor(() => slow.ended(), 30_000, 'the slow client to see its connection end', 100);
    expect(created).toBeLessThan(640);
  });
});
