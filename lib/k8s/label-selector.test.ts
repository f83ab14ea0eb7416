import { describe, expect, it } from 'vitest';

import { labelSelectorText, matches, parseSelector, selectorFromObject } from '@/lib/k8s/label-selector';

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

// mirrors kubernetes/apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector, v1.31
describe('selectorFromObject / labelSelectorText (metav1.LabelSelector)', () => {
  const onlyExpressions = {
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['web', 'api'] },
      { key: 'app.kubernetes.io/name', operator: 'Exists' },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };

  it('a selector made only of matchExpressions does not select every pod', () => {
    const sel = selectorFromObject(onlyExpressions);
    expect(labelSelectorText(onlyExpressions)).toBe('app.kubernetes.io/name,!canary,tier in (api,web)');
    expect(matches(sel ?? [], { 'app.kubernetes.io/name': 'x', tier: 'web' })).toBe(true);
    expect(matches(sel ?? [], { 'app.kubernetes.io/name': 'x', tier: 'db' })).toBe(false);
    expect(matches(sel ?? [], { other: 'pod' })).toBe(false);
  });

  it('ANDs matchLabels with expressions and round-trips through parseSelector', () => {
    const text = labelSelectorText({
      matchLabels: { app: 'pay' },
      matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }],
    });
    expect(text).toBe('app=pay,track!=canary');
    expect(matches(parseSelector(text), { app: 'pay', track: 'stable' })).toBe(true);
    expect(matches(parseSelector(text), { app: 'pay', track: 'canary' })).toBe(false);
  });

  it('no selector selects nothing; an empty selector selects everything', () => {
    expect(labelSelectorText(undefined)).toBeNull();
    expect(labelSelectorText({})).toBe('');
  });

  it('rejects an unknown operator', () => {
    expect(() => selectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt' }] })).toThrow(/operator/);
  });
});
