import { describe, expect, it } from 'vitest';

import { chartTime, localText, utcText } from '@/lib/format/time';

describe('absolute times', () => {
  it('prints UTC in one style, to the minute or the second', () => {
    expect(utcText('2026-11-24T13:05:42Z')).toBe('2026-11-24 13:05 UTC');
    expect(utcText('2026-11-24T13:05:42.123Z', 'second')).toBe('2026-11-24 13:05:42 UTC');
    expect(utcText(undefined)).toBe('');
    expect(utcText('yesterday')).toBe('');
  });

  it('gives the same moment in the viewer’s zone, across a date line', () => {
    expect(localText('2026-11-24T13:05:42Z', 'minute', 'Europe/Berlin')).toBe('2026-11-24 14:05 GMT+1');
    expect(localText('2026-11-24T23:30:00Z', 'second', 'Asia/Tokyo')).toBe('2026-11-25 08:30:00 GMT+9');
    expect(localText('2026-07-01T00:00:00Z', 'minute', 'UTC')).toBe('2026-07-01 00:00 UTC');
  });

  it('gives a chart tooltip both', () => {
    expect(chartTime(Date.parse('2026-11-24T13:05:42Z') / 1000, 'America/New_York')).toBe(
      '2026-11-24 13:05:42 UTC · 2026-11-24 08:05:42 EST',
    );
  });
});
