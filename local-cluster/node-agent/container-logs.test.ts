import { describe, expect, it } from 'vitest';

import type { ContainerPlan } from './behaviour';
import { containerLog, parseLogPath, renderLines } from './container-logs';

const pod = { namespace: 'shop-backend', name: 'payments-abc', uid: 'u1' };
const plan = (over: Partial<ContainerPlan> = {}): ContainerPlan => ({
  name: 'payments',
  image: 'registry.example.test/shop/payments:2.0.1',
  runForMs: undefined,
  exitCode: 0,
  restarts: true,
  neverReady: false,
  readyAfterMs: 3000,
  backoffMs: 10_000,
  ...over,
});
const START = Date.parse('2026-01-01T00:00:00Z');
const q = { previous: false, timestamps: false };

describe('containerLog', () => {
  it('writes a start line and one line every 2 s, deterministically, including hostile text', () => {
    const a = containerLog(pod, plan(), START, START + 12_000, q);
    const b = containerLog(pod, plan(), START, START + 12_000, q);
    expect(a).toEqual(b);
    if (!a.ok) throw new Error('expected lines');
    expect(a.lines).toHaveLength(7);
    expect(a.lines[0]).toBe('2026-01-01T00:00:00Z INFO  starting payments (run 1)');
    expect(a.lines.join('\n')).toContain('<script>alert("xss")</script>');
    expect(a.lines.join('\n')).toContain('\u001b[31mERROR\u001b[0m');
  });

  it('serves the previous run after a restart, and refuses it before any restart', () => {
    const crash = plan({ runForMs: 2000, exitCode: 1, neverReady: true });
    // kubelet's doubling back-off: run 0 [0,2), 10 s, run 1 [12,14), 20 s, run 2 [34,…)
    const now = START + 35_000;
    const current = containerLog(pod, crash, START, now, q);
    const previous = containerLog(pod, crash, START, now, { ...q, previous: true });
    if (!current.ok || !previous.ok) throw new Error('expected lines');
    expect(current.lines[0]).toContain('(run 3)');
    expect(previous.lines[0]).toContain('(run 2)');
    expect(previous.lines.at(-1)).toBe('2026-01-01T00:00:14Z FATAL exiting with code 1');
    expect(containerLog(pod, plan(), START, START + 5000, { ...q, previous: true })).toEqual({
      ok: false,
      status: 400,
      message: 'previous terminated container "payments" in pod "payments-abc" not found',
    });
  });

  it('in back-off, serves the run that just exited as current and the one before as previous', () => {
    const crash = plan({ runForMs: 2000, exitCode: 1, neverReady: true });
    const now = START + 15_000; // run 1 exited at 14 s, back-off until 24 s
    const current = containerLog(pod, crash, START, now, q);
    const previous = containerLog(pod, crash, START, now, { ...q, previous: true });
    if (!current.ok || !previous.ok) throw new Error('expected lines');
    expect(current.lines[0]).toContain('(run 2)');
    expect(previous.lines[0]).toContain('(run 1)');
  });

  it('honours tailLines, sinceSeconds, timestamps and limitBytes', () => {
    const r = containerLog(pod, plan(), START, START + 20_000, { ...q, tailLines: 2, timestamps: true });
    if (!r.ok) throw new Error('expected lines');
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1]).toMatch(/^2026-01-01T00:00:20.000Z 2026-01-01T00:00:20Z /);
    const since = containerLog(pod, plan(), START, START + 20_000, { ...q, sinceSeconds: 4 });
    if (!since.ok) throw new Error('expected lines');
    expect(since.lines).toHaveLength(3);
    expect(renderLines(['abcdef'], 3)).toBe('abc');
  });
});

describe('parseLogPath', () => {
  it('accepts kubelet log paths only', () => {
    expect(parseLogPath('/containerLogs/shop-backend/payments-abc/payments')).toEqual({
      namespace: 'shop-backend',
      pod: 'payments-abc',
      container: 'payments',
    });
    expect(parseLogPath('/containerLogs/../etc/passwd')).toBeUndefined();
    expect(parseLogPath('/exec/a/b/c')).toBeUndefined();
  });
});
