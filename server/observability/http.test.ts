import type { IncomingMessage } from 'node:http';

import { describe, expect, it } from 'vitest';

import { routeLabel } from '@/server/observability/http';
import { acceptRequestId } from '@/server/observability/request-context';

// Label and request-id rules that keep metrics bounded and log lines trustworthy.

function request(pattern?: string): IncomingMessage {
  const meta = pattern ? { match: { definition: { pathname: pattern } } } : undefined;
  return { [Symbol.for('NextInternalRequestMeta')]: meta } as unknown as IncomingMessage;
}

describe('routeLabel', () => {
  it('uses the route pattern Next.js matched, never the path', () => {
    expect(routeLabel(request('/api/k8s/[cluster]/[kind]'), '/api/k8s/local/pods', 200)).toBe(
      '/api/k8s/[cluster]/[kind]',
    );
  });

  it('puts everything unmatched into a few fixed buckets', () => {
    expect(routeLabel(request(), '/_next/static/chunks/a1b2.js', 200)).toBe('/_next/static');
    expect(routeLabel(request(), '/_next/image', 400)).toBe('/_next');
    expect(routeLabel(request(), '/no/such/page/3f9a', 404)).toBe('not-found');
    expect(routeLabel(request(), '/c/local/pods', 307)).toBe('other');
  });
});

describe('acceptRequestId', () => {
  it('keeps a plain id from the front and refuses anything else', () => {
    expect(acceptRequestId('a1b2c3d4-e5f6-7890-abcd-ef0123456789')).toBe('a1b2c3d4-e5f6-7890-abcd-ef0123456789');
    expect(acceptRequestId('short')).toBeUndefined();
    expect(acceptRequestId('id\r\nSet-Cookie: x=1')).toBeUndefined();
    expect(acceptRequestId(`${'a'.repeat(129)}`)).toBeUndefined();
    expect(acceptRequestId(['a1b2c3d4e5', 'f6a7b8c9d0'])).toBeUndefined();
    expect(acceptRequestId(undefined)).toBeUndefined();
  });
});
