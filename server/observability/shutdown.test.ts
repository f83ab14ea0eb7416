import { describe, expect, it } from 'vitest';

import {
  isShuttingDown,
  onShutdown,
  shutdown,
  shutdownPhase,
  streamShutdownSignal,
  trackWrite,
  writesInFlight,
} from '@/server/observability/shutdown';

// The order of the shutdown sequence, with a write still running when the signal arrives
// (e2e/graceful-shutdown.spec.ts runs the same against a real server and API server).

describe('shutdown', () => {
  it('fails readiness first, closes streams after the drain, waits for writes, then runs hooks', async () => {
    const events: string[] = [];
    let finishWrite!: () => void;
    const write = trackWrite(
      () =>
        new Promise<string>((resolve) => {
          finishWrite = () => {
            events.push('write done');
            resolve('ok');
          };
        }),
    );
    onShutdown('database', () => {
      events.push(`hook (writes in flight: ${writesInFlight()})`);
    });
    const streamsClosed = new Promise<void>((resolve) =>
      streamShutdownSignal().addEventListener('abort', () => {
        events.push('streams closed');
        resolve();
      }),
    );

    const done = shutdown('SIGTERM', 50, 5_000);
    expect(isShuttingDown()).toBe(true);
    expect(shutdownPhase()).toBe('draining');
    expect(streamShutdownSignal().aborted).toBe(false);

    await streamsClosed;
    expect(shutdownPhase()).toBe('closing');
    expect(events).toEqual(['streams closed']);
    finishWrite();

    await expect(write).resolves.toBe('ok');
    expect(await done).toBe(0);
    expect(events).toEqual(['streams closed', 'write done', 'hook (writes in flight: 0)']);
    // A second signal does not start a second sequence.
    expect(await shutdown('SIGTERM', 0, 1_000)).toBe(0);
  });
});
