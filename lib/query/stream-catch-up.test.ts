import { describe, expect, it } from 'vitest';

import type { LiveChange } from '@/lib/query/apply-change';
import {
  catchUp,
  oldestPosition,
  parseStreamPosition,
  RecentChanges,
  resumePosition,
} from '@/lib/query/stream-catch-up';

const change = (name: string, kind = 'pods'): LiveChange => ({
  cluster: 'local',
  kind,
  type: 'ADDED',
  summary: { uid: name, name, namespace: 'a', labels: {}, createdAt: '' } as LiveChange['summary'],
});

describe('parseStreamPosition', () => {
  it('reads hub ids and rejects anything else', () => {
    expect(parseStreamPosition('0a1b2c3d-42')).toEqual({ boot: '0a1b2c3d', seq: 42 });
    expect(parseStreamPosition('0a1b2c3d-')).toBeUndefined();
    expect(parseStreamPosition('zzz-1')).toBeUndefined();
    expect(parseStreamPosition(undefined)).toBeUndefined();
  });
});

describe('catchUp', () => {
  it('waits for the stream to be ready', () => {
    expect(catchUp('0a1b2c3d-5', undefined, new RecentChanges(), 'local', 'pods')).toEqual({ action: 'none' });
  });

  it('replays the changes the stream delivered after the list was read (even before the list arrived)', () => {
    const recent = new RecentChanges();
    recent.add('0a1b2c3d-4', change('old'));
    recent.add('0a1b2c3d-6', change('new'));
    recent.add('0a1b2c3d-7', change('svc', 'services'));
    const from = parseStreamPosition('0a1b2c3d-3');
    expect(catchUp('0a1b2c3d-5', from, recent, 'local', 'pods')).toEqual({
      action: 'replay',
      changes: [change('new')],
    });
  });

  it('refetches a list read before the stream became complete, or on another server boot', () => {
    const recent = new RecentChanges();
    const from = parseStreamPosition('0a1b2c3d-10');
    expect(catchUp('0a1b2c3d-9', from, recent, 'local', 'pods')).toEqual({ action: 'refetch' });
    expect(catchUp('ffffffff-20', from, recent, 'local', 'pods')).toEqual({ action: 'refetch' });
    expect(catchUp(undefined, from, recent, 'local', 'pods')).toEqual({ action: 'refetch' });
  });

  it('refetches when the changes after the list may have been forgotten', () => {
    const recent = new RecentChanges(2);
    for (let i = 11; i <= 14; i++) recent.add(`0a1b2c3d-${i}`, change(`p${i}`));
    const from = parseStreamPosition('0a1b2c3d-10');
    expect(catchUp('0a1b2c3d-10', from, recent, 'local', 'pods')).toEqual({ action: 'refetch' });
    expect(catchUp('0a1b2c3d-12', from, recent, 'local', 'pods')).toEqual({
      action: 'replay',
      changes: [change('p13'), change('p14')],
    });
  });
});

describe('oldestPosition', () => {
  it('picks the oldest list position, only when every list has one of the same boot', () => {
    expect(oldestPosition(['0a1b2c3d-9', '0a1b2c3d-4'])).toBe('0a1b2c3d-4');
    expect(oldestPosition(['0a1b2c3d-9', undefined])).toBeUndefined();
    expect(oldestPosition(['0a1b2c3d-9', 'ffffffff-1'])).toBeUndefined();
    expect(oldestPosition([])).toBeUndefined();
  });
});

describe('resumePosition', () => {
  it('resumes at the oldest loaded list, ignoring lists without data (a disabled query)', () => {
    // A page's hydrated list beside the command palette's disabled pods query (no data yet).
    expect(resumePosition([{ stream: '0a1b2c3d-9' }, undefined, { stream: '0a1b2c3d-7' }])).toBe('0a1b2c3d-7');
    expect(resumePosition([undefined])).toBeUndefined();
    // A loaded list without a position (read as the person) still means: no resume.
    expect(resumePosition([{ stream: '0a1b2c3d-9' }, {}])).toBeUndefined();
  });
});
