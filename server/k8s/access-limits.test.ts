import { describe, expect, it } from 'vitest';

import { Semaphore, TokenBuckets } from '@/server/k8s/access-limits';

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      s.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running--;
        return i;
      }),
    );
    // Release one task at a time until all are done.
    for (let done = 0; done < 6; done++) {
      await new Promise((r) => setImmediate(r));
      expect(s.running).toBeLessThanOrEqual(2);
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.running).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const s = new Semaphore(1);
    await expect(s.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await s.run(() => Promise.resolve(7))).toBe(7);
  });
});

describe('TokenBuckets', () => {
  it('grants the burst, then refuses with the wait until the next token', () => {
    const b = new TokenBuckets(3, 2);
    const t = 1_000_000;
    expect([b.take('alice', t), b.take('alice', t), b.take('alice', t)]).toEqual([0, 0, 0]);
    expect(b.take('alice', t)).toBe(500); // 2 per second: one token in 500 ms
    expect(b.take('bob', t)).toBe(0); // buckets are per key
    expect(b.take('alice', t + 500)).toBe(0);
    expect(b.take('alice', t + 500)).toBeGreaterThan(0);
  });

  it('never refills beyond the burst', () => {
    const b = new TokenBuckets(2, 100);
    const t = 5_000;
    b.take('u', t);
    const later = t + 60_000;
    expect([b.take('u', later), b.take('u', later), b.take('u', later) > 0]).toEqual([0, 0, true]);
  });
});
