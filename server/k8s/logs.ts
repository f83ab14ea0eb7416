import 'server-only';

import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

import { z } from 'zod';

import type { ClusterCache } from '@/server/k8s/cache';
import { mapTransportError, namespaceSchema } from '@/server/k8s/objects';
import { kubeStream, type Impersonation } from '@/server/k8s/transport';
import { counter, gauge } from '@/server/observability/metrics';
import { dnsLabelSchema, dnsSubdomainSchema } from '@/lib/k8s/names';

// Pod logs, read from the API server as the signed-in person (impersonated GET pods/log): the
// API server decides, and proxies to the node's kubelet (locally: the node agent). Never from the
// dashboard's own identity, which has no pods/log permission at all.

export const logQuerySchema = z.object({
  container: dnsLabelSchema.optional(),
  previous: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  follow: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  tailLines: z.coerce.number().int().min(1).max(100_000).optional(),
  sinceSeconds: z.coerce.number().int().min(1).max(31_536_000).optional(),
  timestamps: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type LogQuery = z.infer<typeof logQuerySchema>;

/** At most this much per request: a browser tab should not be handed gigabytes. */
export const LOG_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Followed logs are capped too (issue 11, item 6; ADR 0016): bytes, time, and how many one person
 * may follow at once. A capped log ends with a marker line saying why; follow again to continue.
 */
export const FOLLOW_LIMITS = {
  maxBytes: 16 * 1024 * 1024,
  maxMs: 30 * 60_000,
  perUser: 6,
};

export function parseLogQuery(params: URLSearchParams) {
  const pick = (k: string) => params.get(k) ?? undefined;
  return logQuerySchema.safeParse({
    container: pick('container'),
    previous: pick('previous'),
    follow: pick('follow'),
    tailLines: pick('tailLines'),
    sinceSeconds: pick('sinceSeconds'),
    timestamps: pick('timestamps'),
  });
}

export interface PodRef {
  namespace: string;
  name: string;
}

/** Opens the log stream; throws a KubeError (403 for bob in data-platform, 400 for a bad container…). */
export async function openPodLog(
  cache: ClusterCache,
  who: Impersonation,
  pod: PodRef,
  query: LogQuery,
  signal: AbortSignal,
  timeoutMs = 10_000,
): Promise<IncomingMessage> {
  const namespace = namespaceSchema.parse(pod.namespace);
  // Pods are DNS subdomains; the name goes into the request path unencoded.
  const name = dnsSubdomainSchema.parse(pod.name);
  try {
    const { res } = await kubeStream(cache.kc, {
      path: `/api/v1/namespaces/${namespace}/pods/${name}/log`,
      query: {
        container: query.container,
        previous: query.previous || undefined,
        follow: query.follow || undefined,
        tailLines: query.tailLines,
        sinceSeconds: query.sinceSeconds,
        timestamps: query.timestamps || undefined,
        limitBytes: query.follow ? undefined : LOG_LIMIT_BYTES,
      },
      impersonate: who,
      timeoutMs,
      signal,
    });
    return res;
  } catch (err) {
    throw mapTransportError(err, cache.name);
  }
}

/** Reads a whole (non-follow) log into a string; for tests and downloads. */
export async function readPodLog(
  cache: ClusterCache,
  who: Impersonation,
  pod: PodRef,
  query: LogQuery,
): Promise<string> {
  const controller = new AbortController();
  const res = await openPodLog(cache, who, pod, { ...query, follow: false }, controller.signal);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export type LogCapReason = 'bytes' | 'time';

const capped = counter({
  name: 'wheelhouse_log_streams_capped_total',
  help: 'Log responses ended or refused by a cap: bytes, time, or concurrency (too many followed logs per person)',
  labelNames: ['reason'] as const,
});
const following = gauge({ name: 'wheelhouse_log_follows_open', help: 'Followed pod logs open on this server' });

/** The last line of a log we cut short, on a line of its own so the viewer shows it as one. */
export function capMarker(reason: LogCapReason, limits: { maxBytes: number; maxMs: number }): string {
  const why =
    reason === 'bytes'
      ? `${Math.round(limits.maxBytes / 1024 / 1024)} MiB shown, the most one request returns`
      : `followed for ${Math.round(limits.maxMs / 60_000)} min, the longest one request stays open`;
  return `[wheelhouse] Log ended by the dashboard: ${why}. Reload or follow again to continue.\n`;
}

/**
 * The log body, ended with a marker once `maxBytes` were passed on or `maxMs` went by. Pulls from the
 * upstream only as fast as the client reads (the log is never buffered ahead), and ends the upstream
 * request with the body, whichever side stops first.
 */
export function cappedLogBody(
  upstream: Readable,
  limits: { maxBytes: number; maxMs?: number },
  onEnd: () => void = () => undefined,
): ReadableStream<Uint8Array> {
  const chunks = upstream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let sent = 0;
  let lastByte = 0x0a;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  // The upstream request is what the per-person count limits: it is over when that closes (the
  // client went away, the session ended), even if nobody reads the body any more.
  upstream.once('close', end);
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    upstream.destroy();
    end();
  };
  const cut = (c: ReadableStreamDefaultController<Uint8Array>, reason: LogCapReason) => {
    if (done) return;
    capped.inc({ reason });
    const marker = capMarker(reason, { maxBytes: limits.maxBytes, maxMs: limits.maxMs ?? 0 });
    c.enqueue(Buffer.from(lastByte === 0x0a ? marker : `\n${marker}`));
    finish();
    c.close();
  };
  return new ReadableStream<Uint8Array>({
    start(c) {
      if (limits.maxMs !== undefined) timer = setTimeout(() => cut(c, 'time'), limits.maxMs);
    },
    async pull(c) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (err) {
        if (done) return;
        finish();
        c.error(err);
        return;
      }
      if (done) return;
      if (next.done) {
        finish();
        c.close();
        return;
      }
      const room = limits.maxBytes - sent;
      const chunk = next.value.byteLength > room ? next.value.subarray(0, room) : next.value;
      if (chunk.byteLength) {
        sent += chunk.byteLength;
        lastByte = chunk[chunk.byteLength - 1] ?? lastByte;
        c.enqueue(new Uint8Array(chunk));
      }
      if (sent >= limits.maxBytes) cut(c, 'bytes');
    },
    cancel: finish,
  });
}

/** Followed logs open per person; a place is taken before the upstream is opened. */
export class LogFollows {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(private readonly perUser = FOLLOW_LIMITS.perUser) {}

  /** A release function, or undefined when `user` already follows `perUser` logs. */
  take(user: string): (() => void) | undefined {
    const n = this.open.get(user) ?? 0;
    if (n >= this.perUser) {
      capped.inc({ reason: 'concurrency' });
      return undefined;
    }
    this.open.set(user, n + 1);
    following.set(++this.total);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(user) ?? 1) - 1;
      if (left > 0) this.open.set(user, left);
      else this.open.delete(user);
      following.set(--this.total);
    };
  }
}

const KEY = Symbol.for('wheelhouse.k8s.log-follows');
type Holder = typeof globalThis & { [KEY]?: LogFollows };

/** The process-wide count of followed logs (on globalThis: one per process, whatever the bundle). */
export function logFollows(): LogFollows {
  const g = globalThis as Holder;
  g[KEY] ??= new LogFollows();
  return g[KEY];
}
