import { describe, expect, it } from 'vitest';

import { escapeLabel, formatValue, header, labels } from './prom-text';

describe('exposition format', () => {
  it('escapes label values', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(
      labels([
        ['pod', 'x'],
        ['namespace', 'y"'],
      ]),
    ).toBe('{pod="x",namespace="y\\""}');
  });

  it('formats numbers compactly', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(1 / 3)).toBe('0.333333333333');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('+Inf');
  });

  it('writes HELP and TYPE', () => {
    expect(header('x_total', 'counter', 'X.')).toBe('# HELP x_total X.\n# TYPE x_total counter\n');
  });
});
