import { describe, expect, it } from 'vitest';

import { cachedKinds } from './server-cache';

describe('cachedKinds', () => {
  it('flattens clusters × kinds and names the API resource of each kind', () => {
    const body = {
      clusters: [
        {
          name: 'local',
          server: 'https://127.0.0.1:6443',
          reachable: true,
          kinds: [
            { kind: 'pods', state: 'ready', objects: 10_032, syncedAt: '2026-11-21T16:00:00Z' },
            { kind: 'tls-secrets', state: 'ready', objects: 7 },
          ],
        },
        { name: 'other', kinds: [] },
      ],
    };
    expect(cachedKinds(body)).toEqual([
      { cluster: 'local', kind: 'pods', resource: 'pods', state: 'ready', objects: 10_032 },
      { cluster: 'local', kind: 'tls-secrets', resource: 'secrets', state: 'ready', objects: 7 },
    ]);
  });

  it('rejects an answer of another shape', () => {
    expect(() => cachedKinds({ clusters: [{ name: 'x' }] })).toThrow();
  });
});
