import 'server-only';

import { auditDatabase } from '@/server/audit/database';
import { logger } from '@/server/observability/log';
import { counter } from '@/server/observability/metrics';

import { RevocationStore } from './revocation-store';

// Signing out ends access at once and everywhere (ADR 0004, ADR 0011). A revocation is written to the
// shared database (durable, seen by every replica); each replica keeps the revoked ids in memory,
// loaded in full at start and then polled every 250 ms for rows newer than the last it saw, so the
// per-request check (currentIdentity) costs no database round trip and a sign-out on one replica is
// refused by the others within about half a second. The renewal path (next-auth's jwt callback) asks
// the database itself. Open event streams of a revoked session close on every replica: listeners
// fire when the poll learns of the revocation. Process state lives on globalThis because Next.js may
// load this module once per route bundle, and all bundles must share it.

const log = logger('auth');
const revokedTotal = counter({
  name: 'wheelhouse_sessions_revoked_total',
  help: 'Sessions revoked (signed out) through this replica',
});

type Listener = () => void;

/** The in-memory view of revoked sessions, and who waits for one to be revoked. */
export class RevocationSet {
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();

  /** Marks the session revoked and notifies its listeners once; false when it was known already. */
  mark(sid: string, expiresAtMs: number): boolean {
    if (this.revoked.has(sid)) return false;
    this.revoked.set(sid, expiresAtMs);
    const waiting = this.listeners.get(sid);
    this.listeners.delete(sid);
    for (const listener of waiting ?? []) {
      try {
        listener();
      } catch {
        // one failing listener must not keep other streams of this session open
      }
    }
    return true;
  }

  has(sid: string): boolean {
    return this.revoked.has(sid);
  }

  /** Calls `listener` once when the session is revoked; returns the function that unregisters it. */
  on(sid: string, listener: Listener): () => void {
    if (this.revoked.has(sid)) {
      listener();
      return () => undefined;
    }
    let set = this.listeners.get(sid);
    if (!set) this.listeners.set(sid, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.listeners.get(sid);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(sid);
    };
  }

  /** Forgets revocations of sessions that have expired anyway (their cookies no longer decode). */
  prune(now = Date.now()): void {
    for (const [sid, until] of this.revoked) if (until <= now) this.revoked.delete(sid);
  }

  get listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

export interface SyncOptions {
  pollMs?: number;
  /**
   * How far back each poll looks: rows are stamped with the writing replica's clock, so a replica
   * whose clock runs behind ours must still be seen. Skew beyond this is caught on renewal.
   */
  overlapMs?: number;
}

/** Keeps a RevocationSet in step with the database: full load, then a poll loop. */
export class RevocationSync {
  private cursor: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private lastPrune = 0;
  private failing = false;
  private readonly pollMs: number;
  private readonly overlapMs: number;

  constructor(
    readonly store: RevocationStore,
    readonly set: RevocationSet,
    options: SyncOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.overlapMs = options.overlapMs ?? 60_000;
  }

  /** Loads every unexpired revocation, then polls. Rejects when the first load fails. */
  async start(): Promise<this> {
    this.apply(await this.store.since());
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One poll: rows recorded since the last seen (minus the overlap) join the set. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const since = this.cursor ? new Date(Date.parse(this.cursor) - this.overlapMs).toISOString() : undefined;
      this.apply(await this.store.since(since));
      if (Date.now() - this.lastPrune > 10 * 60_000) {
        this.lastPrune = Date.now();
        this.set.prune();
        await this.store.prune();
      }
      if (this.failing) log.info('session revocations are being read again');
      this.failing = false;
    } catch (err) {
      // Keep serving with what we know (a database outage must not sign everyone out); say so once.
      if (!this.failing) log.error({ err }, 'cannot read session revocations; using the last known set');
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }

  /** Revokes here at once, then durably for every replica. */
  async revoke(sid: string, expiresAtMs: number): Promise<void> {
    this.set.mark(sid, expiresAtMs);
    await this.store.revoke(sid, new Date(expiresAtMs));
  }

  /** The database's answer (renewal path); a revoked answer also joins the in-memory set. */
  async isRevokedDurably(sid: string): Promise<boolean> {
    if (this.set.has(sid)) return true;
    const revoked = await this.store.isRevoked(sid);
    if (revoked) this.set.mark(sid, Date.now() + 24 * 3600_000);
    return revoked;
  }

  private apply(rows: Awaited<ReturnType<RevocationStore['since']>>): void {
    for (const row of rows) {
      this.set.mark(row.sid, row.expiresAt);
      if (!this.cursor || row.revokedAt > this.cursor) this.cursor = row.revokedAt;
    }
  }
}

// ---- the process-wide instance ----

const KEY = Symbol.for('wheelhouse.auth.sessions');
interface Holder {
  set: RevocationSet;
  sync?: Promise<RevocationSync>;
}

function holder(): Holder {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  g[KEY] ??= { set: new RevocationSet() };
  return g[KEY];
}

/**
 * The process's revocation sync, started on first use. Until its first load succeeds no session is
 * trusted (callers fail closed); a failed start is retried on the next call.
 */
export function sessionRevocations(): Promise<RevocationSync> {
  const h = holder();
  if (!h.sync) {
    const starting = auditDatabase().then((db) => new RevocationSync(new RevocationStore(db), h.set).start());
    h.sync = starting;
    starting.catch((err: unknown) => {
      log.error({ err }, 'cannot load session revocations; sessions are refused until the database answers');
      if (h.sync === starting) h.sync = undefined;
    });
  }
  return h.sync;
}

/** Sign-out: refused here at once, and (durably) by every replica within a poll interval. */
export async function revokeSession(sid: string, expiresAtMs: number): Promise<void> {
  holder().set.mark(sid, expiresAtMs);
  revokedTotal.inc();
  // The person is signed out on this replica already; the durable write is what the others (and a
  // restart) rely on, so a failing database is retried before giving up loudly.
  for (const delay of [100, 500, 2_000, undefined]) {
    try {
      await (await sessionRevocations()).revoke(sid, expiresAtMs);
      return;
    } catch (err) {
      if (delay === undefined) {
        log.error({ err, sid }, 'REVOCATION NOT STORED: other replicas and a restart will accept this session');
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The per-request check: memory only (kept current by the poll). */
export function isSessionRevoked(sid: string): boolean {
  return holder().set.has(sid);
}

/** Calls `listener` once when the session is revoked (here or on another replica). */
export function onSessionRevoked(sid: string, listener: Listener): () => void {
  return holder().set.on(sid, listener);
}

/** Number of streams waiting on sessions (tests, diagnostics). */
export function sessionListenerCount(): number {
  return holder().set.listenerCount;
}
