import 'server-only';

import { counter } from '@/server/observability/metrics';
import { streamShutdownSignal } from '@/server/observability/shutdown';

// Server-Sent Events framing and the streaming Response. A comment line every `heartbeatMs` keeps
// proxies and load balancers from closing an idle stream and lets the server notice a gone client.
//
// Backpressure (issue 11, item 6; ADR 0016): frames wait in this connection's own queue until the
// consumer (Next.js piping to the socket, which waits for `drain`) asks for the next one. A client
// that stops reading would make that queue grow for as long as changes flow, so it is bounded: past
// `maxBufferedBytes` the queue is dropped and the connection closed. EventSource reconnects by
// itself with Last-Event-ID and gets a replay or `resync` (server/k8s/stream-session.ts).

export const HEARTBEAT_MS = 15_000;

/**
 * Written last when the server shuts down (ADR 0014): reconnect in about a second — through the load
 * balancer, to another replica — resuming from Last-Event-ID.
 */
export const SHUTDOWN_FAREWELL = 'retry: 1000\n: server shutting down\n\n';

/** Frames one connection may hold unsent before it is closed as too slow. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Also set by proxy.ts for the stream's path, since its headers land on the final response. */
export const STREAM_CACHE_CONTROL = 'private, no-store, no-transform';

export interface SseMessage {
  event: string;
  id: string;
  data: unknown;
}

export interface EventStreamOptions {
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  /** Written last when `signal` aborts with this reason (e.g. a per-user cap closed the stream). */
  farewell?: (reason: unknown) => string | undefined;
}

const closedSlow = counter({
  name: 'wheelhouse_stream_closed_slow_total',
  help: 'Event streams closed because the client stopped reading (per-connection buffer full)',
});
const dropped = counter({
  name: 'wheelhouse_stream_events_dropped_total',
  help: 'Event-stream frames discarded unsent when a slow connection was closed',
});

export function sseFrame(m: SseMessage): string {
  // JSON never contains a raw newline, so `data` stays on one line.
  return `id: ${m.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

/** The connection's unsent frames, handed to the consumer one at a time when it asks (pull). */
class FrameQueue {
  private readonly frames: Uint8Array[] = [];
  private waiting: ((frame: Uint8Array | undefined) => void) | undefined;
  private ended = false;
  bytes = 0;

  get length(): number {
    return this.frames.length;
  }

  push(frame: Uint8Array): void {
    if (this.ended) return;
    const take = this.waiting;
    if (take) {
      this.waiting = undefined;
      take(frame);
      return;
    }
    this.frames.push(frame);
    this.bytes += frame.byteLength;
  }

  /** The next frame; undefined once ended and empty. */
  next(): Promise<Uint8Array | undefined> {
    const frame = this.frames.shift();
    if (frame) {
      this.bytes -= frame.byteLength;
      return Promise.resolve(frame);
    }
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** No more frames; queued ones are still handed out. */
  end(): void {
    this.ended = true;
    this.waiting?.(undefined);
    this.waiting = undefined;
  }

  /** Forgets the queued frames; returns how many there were. */
  drop(): number {
    const n = this.frames.length;
    this.frames.length = 0;
    this.bytes = 0;
    this.end();
    return n;
  }
}

/**
 * A text/event-stream Response. `open` receives the writer and resolves to the function that ends the
 * subscription; it runs before the Response is returned, so its failures can still become a JSON error.
 */
export async function eventStreamResponse(
  signal: AbortSignal,
  open: (send: (m: SseMessage) => void) => Promise<() => void>,
  options: EventStreamOptions = {},
): Promise<Response> {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const encoder = new TextEncoder();
  const queue = new FrameQueue();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let finished = false;
  let close: () => void = () => undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const finish = (last?: string) => {
    if (finished) return;
    if (last) queue.push(encoder.encode(last));
    finished = true;
    clearInterval(heartbeat);
    signal.removeEventListener('abort', onAbort);
    shutdown.removeEventListener('abort', onShutdown);
    close();
    queue.end();
  };
  const onAbort = () => finish(options.farewell?.(signal.reason));
  const shutdown = streamShutdownSignal();
  const onShutdown = () => finish(SHUTDOWN_FAREWELL);
  const tooSlow = () => {
    dropped.inc(queue.drop());
    closedSlow.inc();
    finish();
    // Error, not close: the unsent frames are gone, and Next.js ends the socket at once on an
    // AbortError (it does not log those).
    controller?.error(new DOMException('The client stopped reading the event stream', 'AbortError'));
  };
  const write = (text: string) => {
    if (finished) return;
    queue.push(encoder.encode(text));
    if (queue.bytes > maxBufferedBytes) tooSlow();
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: async (c) => {
        const frame = await queue.next();
        if (frame) c.enqueue(frame);
        else if (!queue.length) {
          try {
            c.close();
          } catch {
            // already errored (too slow) or cancelled
          }
        }
      },
      cancel: () => finish(),
    },
    // Nothing is read ahead: a frame leaves the queue only when the consumer asks for it.
    { highWaterMark: 0 },
  );
  signal.addEventListener('abort', onAbort, { once: true });
  shutdown.addEventListener('abort', onShutdown, { once: true });
  write('retry: 3000\n: connected\n\n');
  if (shutdown.aborted) onShutdown();
  let stop: () => void;
  try {
    stop = await open((m) => write(sseFrame(m)));
  } catch (err) {
    finish();
    throw err;
  }
  if (finished) {
    stop(); // the client left while the subscription was being set up
  } else {
    close = stop;
    heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  }
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: Next.js (and proxies) would otherwise gzip the stream, and gzip holds events
      // back until its buffer fills — the benchmark saw whole runs of changes never arrive.
      'Cache-Control': STREAM_CACHE_CONTROL,
      'X-Accel-Buffering': 'no',
    },
  });
}
