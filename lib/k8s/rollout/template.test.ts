import { describe, expect, it } from 'vitest';

import { equalIgnoreHash, jsonEqual, templateImages, templateWithoutHash } from '@/lib/k8s/rollout/template';

// Mirrors kubectl equalIgnoreHash:
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollback.go
describe('template comparison', () => {
  const t = (image: string, hash?: string) => ({
    metadata: { labels: { app: 'a', ...(hash ? { 'pod-template-hash': hash } : {}) } },
    spec: { containers: [{ name: 'app', image }] },
  });

  it('ignores pod-template-hash but not other differences', () => {
    expect(equalIgnoreHash(t('x:1', 'abc'), t('x:1'))).toBe(true);
    expect(equalIgnoreHash(t('x:1', 'abc'), t('x:2', 'abc'))).toBe(false);
  });

  it('removes the hash from a copy, leaving the input alone', () => {
    const input = t('x:1', 'abc');
    expect(templateWithoutHash(input).metadata?.labels).toEqual({ app: 'a' });
    expect(input.metadata.labels['pod-template-hash']).toBe('abc');
  });

  it('compares JSON structurally, regardless of key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('lists images in container order', () => {
    expect(templateImages(t('x:1'))).toEqual(['x:1']);
    expect(templateImages(undefined)).toEqual([]);
  });
});
