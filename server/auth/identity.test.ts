import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { sessionBoundSignal, toCurrentSession } from './identity';
import { revokeSession, sessionListenerCount } from './sessions';

// Revocations go to a throwaway database, never the developer's own.
process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-identity-'));
delete process.env.DATABASE_URL;

const session = (sessionId: string, expiresAt = Date.now() + 60_000) => ({
  identity: { user: 'alice', groups: ['wheelhouse:operators'] },
  sessionId,
  expiresAt,
});

describe('sessionBoundSignal', () => {
  it('aborts when the session is signed out, and unregisters', async () => {
    const request = new AbortController();
    const signal = sessionBoundSignal(session('sid-1'), request.signal);
    expect(signal.aborted).toBe(false);
    const before = sessionListenerCount();
    await revokeSession('sid-1', Date.now() + 60_000);
    expect(signal.aborted).toBe(true);
    expect(sessionListenerCount()).toBe(before - 1);
  });

  it('aborts with the request and leaves no listener behind', () => {
    const before = sessionListenerCount();
    const request = new AbortController();
    const signal = sessionBoundSignal(session('sid-2'), request.signal);
    expect(sessionListenerCount()).toBe(before + 1);
    request.abort();
    expect(signal.aborted).toBe(true);
    expect(sessionListenerCount()).toBe(before);
  });

  it('aborts when the session expires', async () => {
    const signal = sessionBoundSignal(session('sid-3', Date.now() + 20), new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(true);
  });

  it('is aborted at once for an already revoked session or a finished request', async () => {
    await revokeSession('sid-4', Date.now() + 60_000);
    expect(sessionBoundSignal(session('sid-4'), new AbortController().signal).aborted).toBe(true);
    expect(sessionBoundSignal(session('sid-5'), AbortSignal.abort()).aborted).toBe(true);
  });
});

describe('toCurrentSession', () => {
  const answer = { user: { name: 'alice', groups: ['wheelhouse:operators'] }, sid: 'sid-9' };

  it('reads the expiry from expiresAt, which survives next-auth deleting `expires` in the App Router', () => {
    const at = '2030-01-01T00:00:00.000Z';
    expect(toCurrentSession({ ...answer, expiresAt: at })).toEqual({
      identity: { user: 'alice', groups: ['wheelhouse:operators'] },
      sessionId: 'sid-9',
      expiresAt: Date.parse(at),
    });
  });

  it('is null for a session without a readable expiry or without a Wheelhouse identity', () => {
    expect(toCurrentSession({ ...answer, expires: '2030-01-01T00:00:00.000Z' })).toBeNull();
    expect(toCurrentSession({ ...answer, expiresAt: 'soon' })).toBeNull();
    expect(toCurrentSession({ expiresAt: '2030-01-01T00:00:00.000Z' })).toBeNull();
    expect(toCurrentSession(null)).toBeNull();
  });
});
