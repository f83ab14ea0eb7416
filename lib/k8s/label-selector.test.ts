import { describe, expect, it } from 'vitest';

import { matches, parseSelector } from '@/lib/k8s/label-selector';

const labels = { app: 'web', tier: 'frontend', 'app.kubernetes.io/part-of': 'shop', weight: '5' };

describe('label selectors', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=api', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend,backend)', false],
    ['app.kubernetes.io/part-of', true],
    ['!app.kubernetes.io/part-of', false],
    ['!missing', true],
    ['missing!=x', true],
    ['missing in (x)', false],
    ['weight>3', true],
    ['weight<3', false],
    ['app=web, tier in (frontend), !missing', true],
    ['app=', false],
  ])('%j matches: %s', (selector, want) => {
    expect(matches(parseSelector(selector), labels)).toBe(want);
  });

  it('treats an empty value as a real value', () => {
    expect(matches(parseSelector('app='), { app: '' })).toBe(true);
  });

  it.each(['a b', 'weight>x', 'tier in frontend', '=x'])('rejects %j', (text) => {
    expect(() => parseSelector(text)).toThrow(/invalid label selector/);
  });
});
