import { describe, expect, it } from 'vitest';
import {
  CERTIFICATES,
  certificateStatus,
  leafValidity,
  MISMATCH_SHIFT_DAYS,
  rfc1123,
  goTime,
  type CertState,
} from './cert-catalog';

const now = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;
const seedFor = (state: CertState) => {
  const c = CERTIFICATES.find((x) => x.state === state);
  if (!c) throw new Error(state);
  return c;
};
type Status = {
  conditions: Array<{ type: string; status: string; reason: string; message: string }>;
  [k: string]: unknown;
};
const statusOf = (state: CertState) => {
  const seed = seedFor(state);
  const leaf = seed.leaf ? leafValidity(seed.leaf, now) : undefined;
  return certificateStatus(seed, leaf, now, 'boom') as Status;
};
const ready = (s: Status) => s.conditions.find((c) => c.type === 'Ready');

describe('certificate catalog', () => {
  it('covers every state once', () => {
    const states = CERTIFICATES.map((c) => c.state).sort();
    expect(states).toEqual(['expired', 'expiring', 'failing', 'healthy', 'mismatch', 'renewing']);
  });

  it('healthy: Ready=True, 60 days left, renewal in the future', () => {
    const s = statusOf('healthy');
    expect(ready(s)).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(new Date(String(s.notAfter)).getTime() - now.getTime()).toBe(60 * DAY);
    expect(new Date(String(s.renewalTime)).getTime()).toBeGreaterThan(now.getTime());
  });

  it('renewing: still Ready, renewal time passed, Issuing=True', () => {
    const s = statusOf('renewing');
    expect(ready(s)?.status).toBe('True');
    expect(new Date(String(s.renewalTime)).getTime()).toBeLessThan(now.getTime());
    expect(s.conditions.find((c) => c.type === 'Issuing')).toMatchObject({ status: 'True', reason: 'Renewing' });
  });

  it('expiring: fewer than 7 days left but not yet due for renewal', () => {
    const s = statusOf('expiring');
    const left = new Date(String(s.notAfter)).getTime() - now.getTime();
    expect(left).toBeLessThan(7 * DAY);
    expect(left).toBeGreaterThan(0);
    expect(new Date(String(s.renewalTime)).getTime()).toBeGreaterThan(now.getTime());
  });

  it('expired: Ready=False reason Expired with the leaf date in the message', () => {
    const s = statusOf('expired');
    expect(new Date(String(s.notAfter)).getTime()).toBeLessThan(now.getTime());
    expect(ready(s)).toMatchObject({ status: 'False', reason: 'Expired' });
    expect(ready(s)?.message).toBe(`Certificate expired on ${rfc1123(new Date(String(s.notAfter)))}`);
  });

  it('failing: no Secret, Ready=False DoesNotExist, Issuing=False Failed carrying the request failure', () => {
    const s = statusOf('failing');
    expect(seedFor('failing').leaf).toBeUndefined();
    expect(s.notAfter).toBeUndefined();
    expect(ready(s)).toMatchObject({ status: 'False', reason: 'DoesNotExist' });
    expect(s.conditions.find((c) => c.type === 'Issuing')?.message).toContain('boom');
  });

  it('mismatch: status notAfter runs ahead of the leaf in the Secret', () => {
    const seed = seedFor('mismatch');
    const leaf = leafValidity(seed.leaf ?? { notBeforeDays: 0, notAfterDays: 0 }, now);
    const s = certificateStatus(seed, leaf, now) as Status;
    expect(new Date(String(s.notAfter)).getTime() - leaf.notAfter.getTime()).toBe(MISMATCH_SHIFT_DAYS * DAY);
  });

  it('is a pure function of the leaf and creation time (a re-run writes the same status)', () => {
    for (const seed of CERTIFICATES) {
      const leaf = seed.leaf ? leafValidity(seed.leaf, now) : undefined;
      expect(certificateStatus(seed, leaf, now, 'x')).toEqual(certificateStatus(seed, leaf, now, 'x'));
    }
  });

  it('formats times like Go does', () => {
    const d = new Date('2026-03-01T10:00:00.123Z');
    expect(rfc1123(d)).toBe('Sun, 01 Mar 2026 10:00:00 UTC');
    expect(goTime(d)).toBe('2026-03-01 10:00:00 +0000 UTC');
  });
});
