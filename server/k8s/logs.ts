import 'server-only';

import type { IncomingMessage } from 'node:http';

import { z } from 'zod';

import type { ClusterCache } from '@/server/k8s/cache';
import { mapTransportError, namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { kubeStream, type Impersonation } from '@/server/k8s/transport';

// Pod logs, read from the API server as the signed-in person (impersonated GET pods/log): the
// API server decides, and proxies to the node's kubelet (locally: the node agent). Never from the
// dashboard's own identity, which has no pods/log permission at all.

export const logQuerySchema = z.object({
  container: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/)
    .optional(),
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
  const name = objectNameSchema.parse(pod.name);
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
