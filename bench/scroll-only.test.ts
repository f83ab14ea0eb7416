import { describe, expect, it } from 'vitest';

import type { BenchResult } from './result';
import { newestOfScale } from './scroll-only';

function recorded(id: string, pods: number): { file: string; result: BenchResult } {
  const result = { id, scale: { pods, namespaces: 5, deployments: 50, podsInCluster: pods, seedSeconds: 1 } };
  return { file: `${id}.json`, result: result as BenchResult };
}

describe('newestOfScale', () => {
  it('picks the newest run of the same scale', () => {
    const runs = [
      recorded('2026-11-21T10-00-00Z', 500),
      recorded('2026-11-21T12-00-00Z', 500),
      recorded('2026-11-21T13-00-00Z', 1000),
    ];
    expect(newestOfScale(runs, { pods: 500, namespaces: 5, deployments: 50 })?.file).toBe('2026-11-21T12-00-00Z.json');
    expect(newestOfScale(runs, { pods: 500, namespaces: 10, deployments: 50 })).toBeUndefined();
  });
});
