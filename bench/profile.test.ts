import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { areaOf, connectProfiler, summarizeProfile, type CpuProfile } from './profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarizeProfile', () => {
  it('adds self time per function and per area from the samples', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 10_000,
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('selectIndexedPage', 'file:///app/.next/server/chunks/123.js', 9) },
        { id: 4, callFrame: frame('(garbage collector)') },
        { id: 5, callFrame: frame('parse', 'node:internal/url', 1) },
      ],
      // sample i-1 ran for timeDeltas[i]
      samples: [3, 3, 2, 4, 5, 2],
      timeDeltas: [0, 3000, 3000, 1000, 2000, 1000],
    };
    const s = summarizeProfile(profile);
    expect(s.seconds).toBe(0);
    expect(s.areas).toEqual([
      { area: 'Wheelhouse (server chunks)', percent: 60 },
      { area: 'garbage collector', percent: 20 },
      { area: 'idle', percent: 10 },
      { area: 'Node.js internals', percent: 10 },
    ]);
    expect(s.top).toEqual([
      { fn: 'selectIndexedPage', where: 'chunks/123.js:10', percent: 60 },
      { fn: 'parse', where: 'node:internal/url:2', percent: 10 },
    ]);
  });

  it('tells Next.js, other packages and Node apart', () => {
    expect(areaOf(frame('x', 'file:///a/node_modules/next/dist/server/lib/router-server.js'))).toBe('Next.js');
    expect(areaOf(frame('x', 'file:///a/node_modules/pino/lib/tools.js'))).toBe('other packages');
    expect(areaOf(frame('x', 'node:events'))).toBe('Node.js internals');
    expect(areaOf(frame('(program)'))).toBe('V8 and native (program)');
  });
});

describe('connectProfiler', () => {
  it('profiles a running process through its inspector and finds where it spends its time', async () => {
    const child = spawn(
      process.execPath,
      [
        '--inspect=127.0.0.1:0',
        // Never optimized, so never inlined into its caller: its samples stay its own.
        '--allow-natives-syntax',
        '-e',
        'function spinForProfile(){const t=Date.now();while(Date.now()-t<20){}} %NeverOptimizeFunction(spinForProfile); setInterval(spinForProfile, 25)',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', () => reject(new Error(`exited: ${err}`)));
      });
      const profiler = await connectProfiler(port);
      await profiler.start();
      await new Promise((r) => setTimeout(r, 600));
      const summary = summarizeProfile(await profiler.stop());
      profiler.close();
      expect(summary.top[0]?.fn).toBe('spinForProfile');
      expect(summary.top[0]?.percent).toBeGreaterThan(20);
    } finally {
      child.kill();
    }
  });
});
