import { describe, expect, it } from 'vitest';

import { CSRF_HEADER, checkMutation, guardMutation } from './request-guard';

const URL_ = 'http://127.0.0.1:3000/api/k8s/local/deployments/scale';
const opts = { allowedOrigins: [] };

function req(headers: Record<string, string>, url = URL_): Request {
  return new Request(url, { method: 'POST', headers });
}

describe('checkMutation', () => {
  it('lets a same-origin JSON request through', () => {
    const r = req({
      origin: 'http://127.0.0.1:3000',
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
    });
    expect(checkMutation(r, opts)).toBeNull();
    expect(
      checkMutation(req({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/merge-patch+json' }), opts),
    ).toBeNull();
  });

  it('accepts the custom header instead of a JSON body', () => {
    expect(checkMutation(req({ origin: 'http://127.0.0.1:3000', [CSRF_HEADER]: '1' }), opts)).toBeNull();
    expect(checkMutation(req({ origin: 'http://127.0.0.1:3000' }), opts)).toBe('content-type');
  });

  it('refuses cross-site and same-site (sibling subdomain) fetches', () => {
    const base = { origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' };
    expect(checkMutation(req({ ...base, 'sec-fetch-site': 'cross-site' }), opts)).toBe('cross-site');
    expect(checkMutation(req({ ...base, 'sec-fetch-site': 'same-site' }), opts)).toBe('cross-site');
  });

  it('refuses a missing, null or foreign Origin', () => {
    expect(checkMutation(req({ 'content-type': 'application/json' }), opts)).toBe('origin-missing');
    expect(checkMutation(req({ origin: 'null', 'content-type': 'application/json' }), opts)).toBe('origin-null');
    expect(checkMutation(req({ origin: 'https://evil.example', 'content-type': 'application/json' }), opts)).toBe(
      'origin-mismatch',
    );
    // Same host, other port or scheme is another origin.
    expect(checkMutation(req({ origin: 'http://127.0.0.1:3001', 'content-type': 'application/json' }), opts)).toBe(
      'origin-mismatch',
    );
  });

  it('refuses form and text/plain bodies even with the custom header', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = req({ origin: 'http://127.0.0.1:3000', 'content-type': type, [CSRF_HEADER]: '1' });
      expect(checkMutation(r, opts), type).toBe('content-type');
    }
  });

  it('compares with the configured public origin, not the Host the request claims', () => {
    const r = req({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' });
    expect(checkMutation(r, { allowedOrigins: ['https://wheelhouse.example.com'] })).toBe('origin-mismatch');
    const ok = req({ origin: 'https://wheelhouse.example.com', 'content-type': 'application/json' });
    expect(checkMutation(ok, { allowedOrigins: ['https://wheelhouse.example.com'] })).toBeNull();
  });
});

describe('guardMutation', () => {
  it('answers 403 JSON with the reason, or null', async () => {
    const refused = guardMutation(req({ origin: 'null', 'content-type': 'application/json' }));
    expect(refused?.status).toBe(403);
    expect(refused?.headers.get('cache-control')).toBe('private, no-store');
    expect(await refused?.json()).toMatchObject({ error: { kind: 'forbidden', reason: 'origin-null' } });
    expect(guardMutation(req({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' }))).toBeNull();
  });
});
