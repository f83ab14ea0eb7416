import { describe, expect, it } from 'vitest';

import { parsePromDuration } from './duration';

describe('parsePromDuration', () => {
  it('reads single and compound durations', () => {
    expect(parsePromDuration('5s')).toBe(5);
    expect(parsePromDuration('1m')).toBe(60);
    expect(parsePromDuration('1m30s')).toBe(90);
    expect(parsePromDuration('1h')).toBe(3600);
    expect(parsePromDuration('500ms')).toBe(0.5);
  });

  it('refuses what Prometheus would refuse', () => {
    expect(parsePromDuration('')).toBeUndefined();
    expect(parsePromDuration('5')).toBeUndefined();
    expect(parsePromDuration('5 s')).toBeUndefined();
    expect(parsePromDuration('0s')).toBeUndefined();
    expect(parsePromDuration('-5s')).toBeUndefined();
  });
});
