import { describe, expect, it } from 'vitest';

import { SseParser } from './sse';

describe('SseParser', () => {
  it('parses events split across chunks and skips comments and retry lines', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\n: connected\n\n')).toEqual([]);
    expect(p.push('id: ab-1\nevent: change\nda')).toEqual([]);
    expect(p.push('ta: {"a":1}\n\n: heartbeat\n\nid: ab-2\nevent: resync\ndata: {}\n\n')).toEqual([
      { event: 'change', id: 'ab-1', data: '{"a":1}' },
      { event: 'resync', id: 'ab-2', data: '{}' },
    ]);
  });

  it('joins multi-line data, defaults the event name and accepts CRLF', () => {
    const p = new SseParser();
    expect(p.push('data: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', id: undefined, data: 'a\nb' }]);
  });
});
