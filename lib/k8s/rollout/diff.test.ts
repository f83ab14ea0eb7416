import { describe, expect, it } from 'vitest';

import { templateDiff } from '@/lib/k8s/rollout/diff';
import { template } from '@/lib/k8s/rollout/test-fixtures';

describe('templateDiff', () => {
  it('is a unified diff of the YAML without pod-template-hash', () => {
    const d = templateDiff(template('x:3', 'aaa'), template('x:1', 'bbb'), 3, 1);
    expect(d).toContain('--- revision 3 (current)');
    expect(d).toContain('+++ revision 1');
    expect(d).toContain('-    - image: x:3');
    expect(d).toContain('+    - image: x:1');
    expect(d).not.toContain('pod-template-hash');
  });

  it('is empty when only the hash differs', () => {
    expect(templateDiff(template('x:1', 'aaa'), template('x:1', 'bbb'), 2, 1)).toBe('');
  });
});
