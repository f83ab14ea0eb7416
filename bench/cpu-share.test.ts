import { describe, expect, it } from 'vitest';

import { cpuSecondsOf, cpuShare, cpuShareLine, pressureSomeUs, sampleCpu } from './cpu-share';

describe('cpu share', () => {
  it('reads utime and stime after the command name, which may hold spaces and parentheses', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 300 0 0';
    expect(cpuSecondsOf(stat)).toBe(3);
  });

  it('reads the "some" total of /proc/pressure/cpu', () => {
    const text =
      'some avg10=28.29 avg60=47.73 avg300=64.98 total=17569537309\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n';
    expect(pressureSomeUs(text)).toBe(17569537309);
    expect(pressureSomeUs('nonsense')).toBeUndefined();
  });

  it('turns two samples into cores per process, the pressure share and the run-queue wait', () => {
    const a = {
      at: 0,
      cpuS: { apiserver: 10, wheelhouse: 2 },
      pressureSomeUs: 0,
      serverSched: { runNs: 0, waitNs: 0 },
    };
    const b = {
      at: 10_000,
      cpuS: { apiserver: 18, wheelhouse: 5, gone: 1 },
      pressureSomeUs: 4_000_000,
      serverSched: { runNs: 3e9, waitNs: 1.5e9 },
    };
    const share = cpuShare(a, b);
    expect(share).toEqual({
      seconds: 10,
      cores: [
        { name: 'apiserver', cores: 0.8 },
        { name: 'wheelhouse', cores: 0.3 },
      ],
      pressureSomePercent: 40,
      serverRunMs: 3000,
      serverWaitMs: 1500,
    });
    expect(cpuShareLine(share)).toContain('apiserver 0.8, wheelhouse 0.3');
  });

  it('samples this process from /proc: its CPU time grows while it works', () => {
    const before = sampleCpu({ self: process.pid }, process.pid);
    const until = performance.now() + 300;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    const after = sampleCpu({ self: process.pid }, process.pid);
    expect(x).toBeGreaterThan(0);
    expect((after.cpuS.self ?? 0) - (before.cpuS.self ?? 0)).toBeGreaterThan(0.1);
    expect((after.serverSched?.runNs ?? 0) - (before.serverSched?.runNs ?? 0)).toBeGreaterThan(1e8);
  });
});
