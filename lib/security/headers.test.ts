import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, newNonce, securityHeaders } from './headers';

describe('security headers', () => {
  it('allows scripts only by nonce, never inline, and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', https: false, development: false });
    const script = csp.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('adds eval only in development', () => {
    expect(contentSecurityPolicy({ nonce: 'n', https: false, development: true })).toContain("'unsafe-eval'");
  });

  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ nonce: 'n', https: false, development: false })).not.toHaveProperty(
      'Strict-Transport-Security',
    );
    const https = securityHeaders({ nonce: 'n', https: true, development: false });
    expect(https['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(https['X-Content-Type-Options']).toBe('nosniff');
    expect(https['Referrer-Policy']).toBe('same-origin');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(atob(a)).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe('CSP violation reports', () => {
  it('asks browsers to report violations to the counting endpoint, both ways', () => {
    const headers = securityHeaders({ nonce: 'n', https: false, development: false });
    const csp = headers['Content-Security-Policy'] ?? '';
    expect(csp.split('; ')).toEqual(expect.arrayContaining(['report-uri /api/csp-report', 'report-to csp-endpoint']));
    expect(headers['Reporting-Endpoints']).toBe('csp-endpoint="/api/csp-report"');
  });
});
