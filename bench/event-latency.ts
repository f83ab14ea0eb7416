import { summarize, type LatencySummary } from './stats';

// Change-to-event latency: each patch is identified by the object and the resourceVersion the
// apiserver gave it; each stream records when it saw that (object, resourceVersion) arrive.

export interface PatchRecord {
  /** `<namespace>/<name>@<resourceVersion>` */
  key: string;
  /** performance.now() when the PATCH request started. */
  sentAt: number;
  /** How long the PATCH request took. */
  patchMs: number;
}

export function changeKey(namespace: string | undefined, name: string, resourceVersion: string): string {
  return `${namespace ?? ''}/${name}@${resourceVersion}`;
}

export interface Deliveries {
  latency: LatencySummary;
  deliveries: number;
  /** (patch, stream) pairs whose event never arrived. */
  missing: number;
}

/** Latency of every (patch, stream) delivery; a stream that never saw a patch counts as missing. */
export function matchDeliveries(
  patches: readonly PatchRecord[],
  streams: readonly ReadonlyMap<string, number>[],
): Deliveries {
  const latencies: number[] = [];
  let missing = 0;
  for (const p of patches) {
    for (const arrivals of streams) {
      const at = arrivals.get(p.key);
      if (at === undefined) missing++;
      else latencies.push(Math.max(0, at - p.sentAt));
    }
  }
  return { latency: summarize(latencies), deliveries: latencies.length, missing };
}
