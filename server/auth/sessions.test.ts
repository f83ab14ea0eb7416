import { describe, expect, it } from 'vitest';

import { isSessionRevoked, onSessionRevoked, revokeSession, sessionListenerCount } from './sessions';

describe('session registry', () => {
  it('revoking notifies every listener of that session once and only that session', () => {
    const calls: string[] = [];
    const offA = onSessionRevoked('s-a', () => calls.push('a1'));
    onSessionRevoked('s-a', () => calls.push('a2'));
    onSessionRevoked('s-b', () => calls.push('b'));
    revokeSession('s-a', Date.now() + 60_000);
    revokeSession('s-a', Date.now() + 60_000);
    expect(calls).toEqual(['a1', 'a2']);
    expect(isSessionRevoked('s-a')).toBe(true);
    expect(isSessionRevoked('s-b')).toBe(false);
    offA();
    expect(sessionListenerCount()).toBe(1);
  });

  it('a listener added after revocation fires at once; unregistering cleans up', () => {
    revokeSession('s-c', Date.now() + 60_000);
    let fired = false;
    onSessionRevoked('s-c', () => (fired = true));
    expect(fired).toBe(true);
    const before = sessionListenerCount();
    const off = onSessionRevoked('s-d', () => undefined);
    off();
    expect(sessionListenerCount()).toBe(before);
  });

  it('forgets revocations once the session would have expired anyway', () => {
    revokeSession('s-old', 1_000, 0);
    revokeSession('s-new', Date.now() + 60_000, 2_000);
    expect(isSessionRevoked('s-old')).toBe(false);
  });
});
