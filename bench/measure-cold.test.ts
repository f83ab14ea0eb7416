import { describe, expect, it } from 'vitest';

import { coldCacheFields, continueToken, podsListTimes } from './measure-cold';

describe('continueToken', () => {
  it('finds the token in the list metadata', () => {
    const body =
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12","continue":"eyJ2Ijoi"},"items":[';
    expect(continueToken(body)).toBe('eyJ2Ijoi');
  });

  it('is empty on the last page', () => {
    expect(continueToken('{"kind":"PodList","metadata":{"resourceVersion":"12"},"items":[]}')).toBe('');
  });
});

describe('the pods LIST times from the server metrics', () => {
  const metrics = [
    '# HELP wheelhouse_k8s_cache_list_started_timestamp_seconds When the current (or last) full LIST started',
    'wheelhouse_k8s_cache_list_started_timestamp_seconds{cluster="local",kind="namespaces"} 1790000000.5',
    'wheelhouse_k8s_cache_list_started_timestamp_seconds{cluster="local",kind="pods"} 1790000001.25',
    'wheelhouse_k8s_cache_list_synced_timestamp_seconds{cluster="local",kind="pods"} 1790000003.5',
  ].join('\n');

  it("reads the pods kind's started and synced times in epoch ms", () => {
    expect(podsListTimes(metrics)).toEqual({ startedAt: 1790000001250, syncedAt: 1790000003500 });
  });

  it('splits spawn → first page at the LIST start', () => {
    const list = podsListTimes(metrics);
    expect(coldCacheFields(list, 1790000000000, 1790000004000)).toEqual({
      spawnToPodsListMs: 1250,
      podsListMs: 2250,
      podsListToFirstPageMs: 2750,
    });
  });

  it('has nothing to say without the gauges, and no LIST time while the list runs', () => {
    expect(coldCacheFields(podsListTimes(''), 0, 1)).toEqual({});
    expect(coldCacheFields({ startedAt: 1000 }, 0, 3000)).toEqual({
      spawnToPodsListMs: 1000,
      podsListMs: undefined,
      podsListToFirstPageMs: 2000,
    });
  });
});
