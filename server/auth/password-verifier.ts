import 'server-only';

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { gauge, histogram } from '@/server/observability/metrics';
import { logger } from '@/server/observability/log';

// Password checks off the main thread (issue 11 item 2, ADR 0012). bcrypt at cost 12 is ~0.25 s of
// pure-JS CPU; on the event loop twenty concurrent sign-ins held every signed-in request for seconds.
// Here a few worker threads (bcryptjs, no native build) do the checks one at a time each, and waiting
// checks queue in two bounded lanes: people signing in from an address they used before go first,
// everyone else behind them. A full lane refuses at once (`VerifierBusyError` → 503 + Retry-After)
// instead of letting work pile up.

export class VerifierBusyError extends Error {
  override name = 'VerifierBusyError';
}

export interface VerifierOptions {
  /** Worker threads (each checks one password at a time). */
  workers: number;
  /** Checks that may wait per lane; one more is refused. */
  queueLimit: number;
}

export interface VerifyOptions {
  /** The known lane: a sign-in from an address this user signed in from before. */
  priority?: boolean;
}

interface Job {
  id: number;
  password: string;
  hash: string;
  queuedAt: number;
  resolve: (ok: boolean) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

interface Answer {
  id: number;
  ok: boolean;
  error?: string;
}

const log = logger('auth');

const verifySeconds = histogram({
  name: 'wheelhouse_password_verify_seconds',
  help: 'Password checks: time from queueing to the answer of the worker thread',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
});

export class PasswordVerifier {
  private readonly slots: Slot[] = [];
  private readonly lanes: { priority: Job[]; normal: Job[] } = { priority: [], normal: [] };
  private nextId = 1;
  private closed = false;

  /** `workerUrl`: another worker script (tests); by default bcrypt-worker.mjs beside this file. */
  constructor(
    private readonly options: VerifierOptions,
    private readonly workerUrl?: URL,
  ) {}

  /** Whether `password` matches the bcrypt `hash`; throws VerifierBusyError when the lane is full. */
  verify(password: string, hash: string, { priority = false }: VerifyOptions = {}): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('password verifier is closed'));
    const lane = priority ? this.lanes.priority : this.lanes.normal;
    const idle = this.idleSlot();
    if (!idle && lane.length >= this.options.queueLimit) {
      return Promise.reject(new VerifierBusyError('too many sign-ins are being checked; try again in a moment'));
    }
    return new Promise<boolean>((resolve, reject) => {
      const job: Job = { id: this.nextId++, password, hash, queuedAt: performance.now(), resolve, reject };
      if (idle) this.run(idle, job);
      else lane.push(job);
    });
  }

  /** Checks waiting (both lanes) and running. */
  get load(): { queued: number; running: number } {
    return {
      queued: this.lanes.priority.length + this.lanes.normal.length,
      running: this.slots.filter((s) => s.job).length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.lanes.priority, ...this.lanes.normal]) job.reject(new Error('password verifier closed'));
    this.lanes.priority.length = 0;
    this.lanes.normal.length = 0;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private idleSlot(): Slot | undefined {
    const free = this.slots.find((s) => !s.job);
    if (free) return free;
    if (this.slots.length < this.options.workers) return this.spawn();
    return undefined;
  }

  private spawn(): Slot {
    // The literal `new Worker(new URL('./…', import.meta.url))` is what Turbopack recognises: it then
    // bundles the worker with its imports (bcryptjs) as an entry of its own, which the standalone
    // output carries like any other chunk. A URL held in a variable would be copied as a bare file.
    const worker = this.workerUrl
      ? new Worker(this.workerUrl)
      : new Worker(new URL('./bcrypt-worker.mjs', import.meta.url));
    // Idle workers must not keep the process alive at shutdown.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (answer: Answer) => this.finish(slot, answer));
    worker.on('error', (err) => this.lose(slot, err));
    worker.on('exit', (code) => this.lose(slot, new Error(`password worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.postMessage({ id: job.id, password: job.password, hash: job.hash });
  }

  private finish(slot: Slot, answer: Answer): void {
    const job = slot.job;
    slot.job = undefined;
    if (job && job.id === answer.id) {
      verifySeconds.observe((performance.now() - job.queuedAt) / 1000);
      if (answer.error) job.reject(new Error(`password check failed: ${answer.error}`));
      else job.resolve(answer.ok);
    }
    this.dispatch(slot);
  }

  /** A worker died: its check fails (the sign-in is refused, not retried), a new worker takes over. */
  private lose(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.job?.reject(err);
    slot.job = undefined;
    if (this.closed) return;
    log.error({ err }, 'password worker failed');
    // Start another only for waiting checks, so a worker that cannot start does not respawn forever.
    if (this.load.queued === 0) return;
    const next = this.idleSlot();
    if (next) this.dispatch(next);
  }

  private dispatch(slot: Slot): void {
    const job = this.lanes.priority.shift() ?? this.lanes.normal.shift();
    if (job) this.run(slot, job);
  }
}

/** Worker threads by default: one per core, leaving one core to the event loop (at least one). */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Holder {
  verifier?: PasswordVerifier;
}
const KEY = Symbol.for('wheelhouse.auth.password-verifier');

/** The process-wide pool (on globalThis: every route bundle shares the same workers and bounds). */
export function passwordVerifier(options: VerifierOptions): PasswordVerifier {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  const holder = (g[KEY] ??= {});
  if (!holder.verifier) {
    const verifier = new PasswordVerifier(options);
    holder.verifier = verifier;
    gauge({
      name: 'wheelhouse_password_verify_queue',
      help: 'Password checks waiting for a worker thread',
      collect() {
        this.set(verifier.load.queued);
      },
    });
  }
  return holder.verifier;
}
