import { describe, expect, it, vi } from 'vitest';

import { eventStreamResponse, sseFrame } from '@/server/http/event-stream';

const decoder = new TextDecoder();

describe('sseFrame', () => {
  it('writes id, event and one-line JSON data', () => {
    expect(sseFrame({ id: 'b-1', event: 'change', data: { a: 'x\ny' } })).toBe(
      'id: b-1\nevent: change\ndata: {"a":"x\\ny"}\n\n',
    );
  });
});

describe('eventStreamResponse', () => {
  it('streams frames with SSE headers and ends the subscription on abort', async () => {
    const abort = new AbortController();
    const stop = vi.fn();
    let send: ((m: { id: string; event: string; data: unknown }) => void) | undefined;
    const res = await eventStreamResponse(abort.signal, async (s) => {
      send = s;
      return stop;
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('private, no-store, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    send?.({ id: 'b-1', event: 'change', data: { n: 1 } });
    abort.abort();
    expect(stop).toHaveBeenCalledTimes(1);
    const text = decoder.decode(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain(': connected');
    expect(text).toContain('id: b-1\nevent: change\ndata: {"n":1}');
  });

  it('ends the subscription when the client left during setup, and passes setup errors on', async () => {
    const abort = new AbortController();
    const stop = vi.fn();
    await eventStreamResponse(abort.signal, async () => {
      abort.abort();
      return stop;
    });
    expect(stop).toHaveBeenCalledTimes(1);
    await expect(
      eventStreamResponse(new AbortController().signal, () => Promise.reject(new Error('not served'))),
    ).rejects.toThrow('not served');
  });
});

describe('eventStreamResponse backpressure', () => {
  type Send = (m: { id: string; event: string; data: unknown }) => void;
  const big = 'x'.repeat(1024);

  it('closes a connection whose client stopped reading once its buffer is full, and ends the subscription', async () => {
    const stop = vi.fn();
    let send: Send | undefined;
    const res = await eventStreamResponse(
      new AbortController().signal,
      async (s) => {
        send = s;
        return stop;
      },
      { maxBufferedBytes: 64 * 1024 },
    );
    // Nobody reads: 200 frames of 1 KB would all be held until the session ends.
    for (let i = 0; i < 200; i++) send?.({ id: `b-${i}`, event: 'change', data: { big } });
    expect(stop).toHaveBeenCalledTimes(1);
    await expect(res.arrayBuffer()).rejects.toThrow(/stopped reading/);
  });

  it('keeps a connection open while its client keeps up, however much flows', async () => {
    const stop = vi.fn();
    let send: Send | undefined;
    const res = await eventStreamResponse(
      new AbortController().signal,
      async (s) => {
        send = s;
        return stop;
      },
      { maxBufferedBytes: 64 * 1024 },
    );
    const reader = res.body?.getReader();
    let received = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 20; i++) send?.({ id: `b-${round}-${i}`, event: 'change', data: { big } });
      // Read what was sent (about 21 KB per round): 420 KB in all, never more than 64 KB waiting.
      while (received < (round + 1) * 20 * 1024) {
        const { value, done } = (await reader?.read()) ?? { done: true };
        if (done) throw new Error('closed while the client was reading');
        received += value.byteLength;
      }
    }
    expect(stop).not.toHaveBeenCalled();
    await reader?.cancel();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('writes a farewell frame when the signal says why it closed', async () => {
    const abort = new AbortController();
    const res = await eventStreamResponse(abort.signal, async () => () => undefined, {
      farewell: (reason) => (reason === 'evicted' ? 'retry: 30000\nevent: closed\ndata: {}\n\n' : undefined),
    });
    abort.abort('evicted');
    const text = decoder.decode(new Uint8Array(await res.arrayBuffer()));
    expect(text.endsWith('retry: 30000\nevent: closed\ndata: {}\n\n')).toBe(true);
  });
});
