import 'server-only';

// Revoked session ids, so that signing out ends access at once: every request (currentIdentity) and
// every open event stream checks here. Memory of one process; a second replica would not see a
// sign-out made on the first (multi-replica follow-up in the sign-in ADR). Kept on globalThis because
// Next.js may load this module once per route bundle, and all bundles must share one registry.

type Listener = () => void;

interface Registry {
  /** session id → when its JWT would have expired anyway (ms); after that it can be forgotten. */
  revoked: Map<string, number>;
  listeners: Map<string, Set<Listener>>;
}

const KEY = Symbol.for('wheelhouse.auth.sessions');

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [KEY]?: Registry };
  g[KEY] ??= { revoked: new Map(), listeners: new Map() };
  return g[KEY];
}

export function revokeSession(sessionId: string, expiresAtMs: number, now = Date.now()): void {
  const { revoked, listeners } = registry();
  revoked.set(sessionId, expiresAtMs);
  for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
  const waiting = listeners.get(sessionId);
  listeners.delete(sessionId);
  for (const listener of waiting ?? []) {
    try {
      listener();
    } catch {
      // one failing listener must not keep other streams of this session open
    }
  }
}

export function isSessionRevoked(sessionId: string): boolean {
  return registry().revoked.has(sessionId);
}

/** Calls `listener` once when the session is revoked; returns the function that unregisters it. */
export function onSessionRevoked(sessionId: string, listener: Listener): () => void {
  const { listeners } = registry();
  if (isSessionRevoked(sessionId)) {
    listener();
    return () => undefined;
  }
  let set = listeners.get(sessionId);
  if (!set) listeners.set(sessionId, (set = new Set()));
  set.add(listener);
  return () => {
    const current = listeners.get(sessionId);
    current?.delete(listener);
    if (current?.size === 0) listeners.delete(sessionId);
  };
}

/** Number of streams waiting on sessions (tests, diagnostics). */
export function sessionListenerCount(): number {
  let n = 0;
  for (const set of registry().listeners.values()) n += set.size;
  return n;
}
