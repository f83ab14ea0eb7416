import { describe, expect, it } from 'vitest';

import { changeKey, matchDeliveries } from './event-latency';

describe('matchDeliveries', () => {
  it('measures each stream against each patch by object and resourceVersion', () => {
    const a = changeKey('bench-00', 'p1', '10');
    const b = changeKey('bench-00', 'p2', '11');
    const patches = [
      { key: a, sentAt: 1000, patchMs: 5 },
      { key: b, sentAt: 1010, patchMs: 5 },
    ];
    const s1 = new Map([
      [a, 1020],
      [b, 1050],
    ]);
    const s2 = new Map([[a, 1030]]); // never saw b
    const d = matchDeliveries(patches, [s1, s2]);
    expect(d.deliveries).toBe(3);
    expect(d.missing).toBe(1);
    expect(d.latency).toMatchObject({ count: 3, p50: 30, max: 40 });
  });

  it('ignores events of other resourceVersions (e.g. status updates by the node agent)', () => {
    const patches = [{ key: changeKey('ns', 'p', '5'), sentAt: 0, patchMs: 1 }];
    const d = matchDeliveries(patches, [new Map([[changeKey('ns', 'p', '6'), 10]])]);
    expect(d).toMatchObject({ deliveries: 0, missing: 1 });
  });
});
