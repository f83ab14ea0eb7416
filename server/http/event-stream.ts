import 'server-only';

// Server-Sent Events framing and the streaming Response. A comment line every `heartbeatMs` keeps
// proxies and load balancers from closing an idle stream and lets the server notice a gone client.

export const HEARTBEAT_MS = 15_000;

/** Also set by proxy.ts for the stream's path, since its headers land on the final response. */
export const STREAM_CACHE_CONTROL = 'private, no-store, no-transform';

export interface SseMessage {
  event: string;
  id: string;
  data: unknown;
}

export function sseFrame(m: SseMessage): string {
  // JSON never contains a raw newline, so `data` stays on one line.
  return `id: ${m.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

/**
 * A text/event-stream Response. `open` receives the writer and resolves to the function that ends the
 * subscription; it runs before the Response is returned, so its failures can still become a JSON error.
 */
export async function eventStreamResponse(
  signal: AbortSignal,
  open: (send: (m: SseMessage) => void) => Promise<() => void>,
  heartbeatMs = HEARTBEAT_MS,
): Promise<Response> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let finished = false;
  let close: () => void = () => undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    signal.removeEventListener('abort', finish);
    close();
    try {
      controller.close();
    } catch {
      // already closed or cancelled
    }
  };
  const write = (text: string) => {
    if (finished) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      finish();
    }
  };

  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: finish,
  });
  signal.addEventListener('abort', finish, { once: true });
  write('retry: 3000\n: connected\n\n');
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
