import { AbortError, ApiException, FetchError } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { KubeError, toKubeError } from './errors';

const ctx = { cluster: 'local', server: 'https://127.0.0.1:6443', timeoutMs: 8000 };

function apiError(code: number, status?: object, headers: Record<string, string> = {}) {
  return new ApiException(code, 'Unknown API Status Code!', status ? JSON.stringify(status) : undefined, headers);
}

describe('toKubeError', () => {
  it("keeps a KubeError thrown by another bundle's copy of the class (the 429 of the access budget)", () => {
    // What a second copy of errors.ts produces: same shape and brand, a different class.
    const brand = Symbol.for('wheelhouse.k8s.kube-error');
    class OtherCopy extends Error {
      readonly kind = 'too-many-requests' as const;
      readonly status = 429;
      readonly retryAfterSeconds = 2;
      readonly [brand] = true;
      toSummary() {
        return { kind: this.kind, status: this.status, message: this.message };
      }
    }
    const foreign = new OtherCopy('Too many permission checks; try again in 2 s');
    expect(toKubeError(foreign, ctx)).toBe(foreign);
    expect(toKubeError(new Error('plain'), ctx).kind).toBe('unknown');
  });

  it('names the cluster and server when the connection is refused', () => {
    const err = new FetchError('request to https://127.0.0.1:6443/version failed', 'system', {
      code: 'ECONNREFUSED',
    } as NodeJS.ErrnoException);
    expect(toKubeError(err, ctx).toSummary()).toEqual({
      kind: 'unreachable',
      message: 'Cannot reach cluster local at https://127.0.0.1:6443: connection refused',
    });
  });

  it('reports our own deadline as a timeout', () => {
    const error = toKubeError(new AbortError('The user aborted a request.'), ctx);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('The API server of cluster local at https://127.0.0.1:6443 did not answer within 8s');
  });

  it('uses the API server message for 403', () => {
    const message = 'deployments.apps is forbidden: User "alice" cannot list resource "deployments"';
    const error = toKubeError(apiError(403, { kind: 'Status', reason: 'Forbidden', message }), ctx);
    expect(error).toBeInstanceOf(KubeError);
    expect(error.toSummary()).toEqual({
      kind: 'forbidden',
      status: 403,
      message: `Not allowed by cluster local (403 Forbidden): ${message}`,
    });
  });

  it.each([
    [401, 'unauthorized'],
    [404, 'not-found'],
    [409, 'conflict'],
    [410, 'gone'],
    [422, 'invalid'],
    [429, 'too-many-requests'],
    [500, 'server-error'],
    [503, 'server-error'],
    [400, 'invalid'],
    [405, 'invalid'],
    [413, 'invalid'],
    [415, 'invalid'],
    [418, 'invalid'],
  ] as const)('maps HTTP %d to %s', (code, kind) => {
    const error = toKubeError(apiError(code, { kind: 'Status', message: 'details' }), ctx);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(code);
  });

  it('passes on Retry-After for 429', () => {
    const error = toKubeError(apiError(429, undefined, { 'retry-after': '3' }), ctx);
    expect(error.message).toBe('The API server of cluster local is throttling requests (429); retry in 3s');
  });

  it('explains TLS failures and a missing kubeconfig', () => {
    const tls = Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toKubeError(tls, ctx).kind).toBe('tls');
    const missing = Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: '/nope/kubeconfig' });
    // The path is the server's business (logged), not the person's.
    expect(toKubeError(missing, { cluster: 'local' }).message).toBe(
      'The dashboard cannot read its credentials for cluster local; an administrator can find the details in the server log',
    );
  });

  it('returns KubeErrors unchanged and wraps anything else as unknown', () => {
    const original = new KubeError('config', 'bad');
    expect(toKubeError(original, ctx)).toBe(original);
    expect(toKubeError('boom', ctx).toSummary()).toEqual({
      kind: 'unknown',
      message:
        'Request to cluster local at https://127.0.0.1:6443 failed inside the dashboard; an administrator can find the details in the server log',
    });
  });
});
