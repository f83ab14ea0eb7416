import { describe, expect, it } from 'vitest';

import { decodeCursor, encodeCursor, filterOf, parseActivityQuery } from './query';

describe('parseActivityQuery', () => {
  it('accepts the Activity filters and ignores empty values', () => {
    const q = parseActivityQuery(
      new URLSearchParams(
        'user=alice&namespace=shop-frontend&action=scale&result=denied&from=2026-01-31T12:00&to=&x=1',
      ),
    );
    expect(q.success && q.data).toEqual({
      user: 'alice',
      namespace: 'shop-frontend',
      action: 'scale',
      result: 'denied',
      from: '2026-01-31T12:00:00.000Z',
      limit: 50,
    });
  });

  it('reads zoneless times as UTC and keeps explicit offsets', () => {
    const q = parseActivityQuery({ from: '2026-01-31', to: '2026-01-31T12:00:00+02:00' });
    expect(q.success && [q.data.from, q.data.to]).toEqual(['2026-01-31T00:00:00.000Z', '2026-01-31T10:00:00.000Z']);
  });

  it('rejects bad values', () => {
    expect(parseActivityQuery({ result: 'maybe' }).success).toBe(false);
    expect(parseActivityQuery({ namespace: 'Bad_NS' }).success).toBe(false);
    expect(parseActivityQuery({ from: 'yesterday' }).success).toBe(false);
    expect(parseActivityQuery({ limit: '5000' }).success).toBe(false);
    expect(parseActivityQuery({ action: "scale' OR 1=1" }).success).toBe(false);
  });

  it('maps "-" to cluster-scoped entries', () => {
    const q = parseActivityQuery({ namespace: '-' });
    expect(q.success && filterOf('local', q.data).namespace).toBe('');
  });
});

describe('cursor', () => {
  it('round-trips and rejects anything else', () => {
    const c = { time: '2026-01-01T10:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });
});
