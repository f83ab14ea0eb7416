import { describe, expect, it } from 'vitest';

import { paramsSummary } from './params-summary';

describe('paramsSummary', () => {
  it('shows from → to changes and other values compactly', () => {
    expect(paramsSummary({ replicas: { from: 3, to: 5 } })).toBe('replicas 3 → 5');
    expect(paramsSummary({ revision: { from: 4, to: 2 }, paused: true })).toBe('revision 4 → 2, paused true');
    expect(paramsSummary({ minutes: { from: null, to: 15 } })).toBe('minutes – → 15');
    expect(paramsSummary({ image: 'web:1.2' })).toBe('image web:1.2');
    expect(paramsSummary({})).toBe('');
  });
});
