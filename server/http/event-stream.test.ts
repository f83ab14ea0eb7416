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
