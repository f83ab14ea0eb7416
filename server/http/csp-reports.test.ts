import { describe, expect, it } from 'vitest';

import { directiveLabel, parseViolations } from './csp-reports';

describe('CSP reports', () => {
  it('labels known directives by name and everything else as other (bounded label values)', () => {
    expect(directiveLabel('script-src-elem')).toBe('script-src-elem');
    expect(directiveLabel("script-src 'self' 'nonce-abc'")).toBe('script-src');
    expect(directiveLabel('IMG-SRC')).toBe('img-src');
    expect(directiveLabel('x'.repeat(10_000))).toBe('other');
    expect(directiveLabel(undefined)).toBe('other');
  });

  it('reads both report formats and trims long fields', () => {
    const [legacy] = parseViolations({
      'csp-report': { 'violated-directive': 'img-src', 'blocked-uri': `https://evil.example/${'a'.repeat(5_000)}` },
    });
    expect(legacy?.directive).toBe('img-src');
    expect(legacy?.blocked?.length).toBe(200);
    expect(
      parseViolations([
        { type: 'csp-violation', body: { effectiveDirective: 'connect-src' } },
        { type: 'deprecation', body: {} },
      ]).map((v) => v.directive),
    ).toEqual(['connect-src']);
  });

  it('finds nothing in bodies that are not reports', () => {
    expect(parseViolations({ hello: 'world' })).toEqual([]);
    expect(parseViolations('csp')).toEqual([]);
    expect(parseViolations(null)).toEqual([]);
  });
});
