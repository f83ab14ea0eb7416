import { describe, expect, it } from 'vitest';

import { ATTENTION_BYTES_LIMIT, attentionRows, attentionTargets, type AttentionRun } from './attention-result';

const run = (bytes: number, non2xx = 0): AttentionRun => ({
  who: 'operator (alice, all namespaces)',
  bytes,
  gzipBytes: Math.round(bytes / 4),
  counted: { needAttention: 1_250, failingPods: 1_200, stuckRollouts: 50, workloads: 1_000, namespaces: 50 },
  items: 45,
  connections: 10,
  seconds: 10,
  requests: 5_000,
  requestsPerSecond: 500,
  p50: 12,
  p99: 40,
  max: 70,
  non2xx,
  errors: 0,
});

describe('attention figures of a bench run', () => {
  it('meets the bounded-size target only under the limit and without failures', () => {
    expect(attentionTargets([run(9_000)])[0]?.met).toBe(true);
    expect(attentionTargets([run(ATTENTION_BYTES_LIMIT + 1)])[0]?.met).toBe(false);
    expect(attentionTargets([run(9_000, 3)])[0]?.met).toBe(false);
  });

  it('says nothing for runs recorded before the measurement existed', () => {
    expect(attentionTargets(undefined)).toEqual([]);
    expect(attentionRows(undefined)).toEqual([]);
  });

  it('reports what the answer counted next to what it sent', () => {
    const [row] = attentionRows([run(9_000)]);
    expect(row?.[1]).toContain('9000 B');
    expect(row?.[1]).toContain('45 items sent for 1250 needing attention');
  });
});
