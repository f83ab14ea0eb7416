import { z } from 'zod';

// The Overview's "needs attention" figures of a run (bench/measure-attention.ts): the record's shape,
// the target on them (target 4: the answer's size does not grow with the cluster) and the
// rows docs/benchmarks.md shows.

export const attentionRunSchema = z.object({
  who: z.string(),
  bytes: z.number(),
  gzipBytes: z.number(),
  /** What the answer counted (all of it, not just the items it carried). */
  counted: z.object({
    needAttention: z.number(),
    failingPods: z.number(),
    stuckRollouts: z.number(),
    workloads: z.number(),
    namespaces: z.number(),
  }),
  items: z.number(),
  connections: z.number(),
  seconds: z.number(),
  requests: z.number(),
  requestsPerSecond: z.number(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  non2xx: z.number(),
  errors: z.number(),
});

export type AttentionRun = z.infer<typeof attentionRunSchema>;

/** Counts per category, 20 items per category and 60 namespaces fit well within this at any scale. */
export const ATTENTION_BYTES_LIMIT = 32 * 1024;

export function attentionTargets(runs: readonly AttentionRun[] | undefined) {
  return (runs ?? []).map((a) => ({
    id: `attention-bytes-${a.who}`,
    name: `Overview "needs attention" answer, ${a.who}`,
    target: `bounded: ≤ ${ATTENTION_BYTES_LIMIT / 1024} KiB whatever the cluster`,
    value: `${a.bytes} B for ${a.counted.workloads.toLocaleString('en')} workloads, ${a.counted.needAttention} needing attention`,
    met: a.bytes <= ATTENTION_BYTES_LIMIT && a.non2xx === 0 && a.errors === 0,
  }));
}

/** Measurement rows for docs/benchmarks.md (bench/report.ts). */
export function attentionRows(runs: readonly AttentionRun[] | undefined): string[][] {
  return (runs ?? []).map((a) => [
    `Overview \`GET /api/k8s/local/attention\`, ${a.who}, ${a.connections} connections, ${a.seconds} s`,
    `p50 ${a.p50} ms, p99 ${a.p99} ms, max ${a.max} ms; ${a.requestsPerSecond} req/s (${a.requests} requests, ` +
      `${a.non2xx} non-2xx, ${a.errors} errors); ${a.bytes} B (gzip ${a.gzipBytes} B), ${a.items} items sent for ` +
      `${a.counted.needAttention} needing attention (${a.counted.failingPods} pods, ${a.counted.stuckRollouts} stuck rollouts) ` +
      `in ${a.counted.namespaces} namespaces`,
  ]);
}
