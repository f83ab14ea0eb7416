import { describe, expect, it } from 'vitest';
import { isSubset, toPlain } from './kube';

describe('isSubset (compare before patching)', () => {
  it('ignores fields the server added', () => {
    const want = { spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
    const live = {
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.12',
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
        sessionAffinity: 'None',
      },
    };
    expect(isSubset(want, live)).toBe(true);
  });

  it('sees a changed value, a missing key and a different list length', () => {
    expect(isSubset({ a: { b: '1' } }, { a: { b: '2' } })).toBe(false);
    expect(isSubset({ a: { b: '1' } }, { a: {} })).toBe(false);
    expect(isSubset({ l: [1, 2] }, { l: [1, 2, 3] })).toBe(false);
    expect(isSubset({ l: [{ x: 1 }] }, { l: [{ x: 1, y: 2 }] })).toBe(true);
  });

  it('does not equate a number with its string (targetPort 8080 vs "8080")', () => {
    expect(isSubset({ targetPort: 8080 }, { targetPort: '8080' })).toBe(false);
  });

  it('treats an undefined wanted field as "do not care"', () => {
    expect(isSubset({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
  });

  it('compares typed client objects as the JSON they serialise to', () => {
    class Meta {
      constructor(public name: string) {}
    }
    expect(isSubset({ metadata: { name: 'x' } }, toPlain({ metadata: new Meta('x') }))).toBe(true);
  });
});
