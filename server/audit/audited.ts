import 'server-only';

import type { AuditChanges } from '@/lib/audit/changes';
import { KubeError } from '@/server/k8s/errors';
import { logger } from '@/server/observability/log';

import { auditWriteFailures } from './audit-metrics';
import { trackWrite } from '@/server/observability/shutdown';

import { auditStore, type AuditStore } from './store';
import type { AuditAttempt, AuditOutcome } from './types';

export type { AuditAttempt } from './types';

const log = logger('audit');

/** The audit log could not record the attempt; nothing was sent to Kubernetes. */
export class AuditUnavailableError extends Error {
  constructor(
    message = 'The audit log is unavailable; the change was not sent to the cluster',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AuditUnavailableError';
  }
}

/**
 * Records the attempt BEFORE running it (if that write fails, throws AuditUnavailableError and
 * `run` is never called), runs it, then records the outcome exactly once: ok / denied (403) /
 * conflict (409) / refused (declined as things stand) / invalid (400/422) / failed, with the message.
 * Rethrows run's error. `options.changes` derives, from run's value, what the write changed
 * (lib/audit/changes.ts), recorded with an `ok` outcome.
 */
export async function audited<T>(
  attempt: AuditAttempt,
  run: () => Promise<T>,
  options: AuditedOptions<T> = {},
): Promise<T> {
  let store: AuditStore;
  try {
    store = await auditStore();
  } catch (err) {
    throw new AuditUnavailableError(undefined, { cause: err });
  }
  // Counted as in flight until the outcome is recorded: graceful shutdown waits for it (ADR 0014).
  return trackWrite(() => auditedWith(store, attempt, run, options));
}

export interface AuditedOptions<T> {
  /** The fields the successful write changed, before → after; null when there is nothing to record. */
  changes?: (value: T) => AuditChanges | null | undefined;
}

/** `audited()` against an explicit store (tests, and callers that already hold one). */
export async function auditedWith<T>(
  store: AuditStore,
  attempt: AuditAttempt,
  run: () => Promise<T>,
  options: AuditedOptions<T> = {},
): Promise<T> {
  let id: string;
  try {
    id = await store.recordAttempt(attempt);
  } catch (err) {
    auditWriteFailures.inc({ stage: 'attempt' });
    log.error({ requestId: attempt.requestId, err }, 'could not record attempt; refusing the action');
    throw new AuditUnavailableError(undefined, { cause: err });
  }
  let value: T;
  try {
    value = await run();
  } catch (err) {
    await recordOutcomeLoudly(store, id, attempt, outcomeOf(err));
    throw err;
  }
  await recordOutcomeLoudly(store, id, attempt, {
    result: 'ok',
    message: null,
    status: null,
    changes: changesOf(options, value, attempt),
  });
  return value;
}

// The change happened: a fault in describing it must not lose the outcome, so it is logged instead.
function changesOf<T>(options: AuditedOptions<T>, value: T, attempt: AuditAttempt): AuditChanges | null {
  try {
    return options.changes?.(value) ?? null;
  } catch (err) {
    log.warn(
      { requestId: attempt.requestId, err },
      'could not compute the changed fields; recording the outcome without them',
    );
    return null;
  }
}

/** Maps a failure of `run` to the recorded result (errors are already typed by server/k8s/errors.ts). */
export function outcomeOf(err: unknown): AuditOutcome {
  const message = err instanceof Error ? err.message : String(err);
  // Declined as things stand (server/k8s/actions/results.ts ActionRefusedError, matched by name like
  // ElevationRequiredError below): a paused Deployment is not invalid input.
  if (err instanceof Error && err.name === 'ActionRefusedError') return { result: 'refused', message, status: 422 };
  if (err instanceof KubeError) {
    const status = err.status ?? null;
    switch (err.kind) {
      case 'forbidden':
        return { result: 'denied', message, status };
      case 'conflict':
        return { result: 'conflict', message, status };
      case 'invalid':
        return { result: 'invalid', message, status };
      default:
        if (err.status === 400) return { result: 'invalid', message, status };
        return { result: 'failed', message, status };
    }
  }
  // Refused by the dashboard's own elevation rule (server/audit/elevation.ts; matched by name to
  // keep this module free of an import cycle): a denial, though Kubernetes never saw it.
  if (err instanceof Error && err.name === 'ElevationRequiredError') return { result: 'denied', message, status: 403 };
  return { result: 'failed', message, status: null };
}

const OUTCOME_RETRY_DELAYS_MS = [50, 200, 1000];

// Once Kubernetes has answered, the action cannot be taken back. The pending row already proves
// the attempt, so a failed outcome write is retried and logged loudly, never turned into an error
// for the user (who would otherwise retry a change that actually happened). See docs/adr (audit log).
async function recordOutcomeLoudly(
  store: AuditStore,
  id: string,
  attempt: AuditAttempt,
  outcome: AuditOutcome,
): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await store.recordOutcome(id, outcome);
      return;
    } catch (err) {
      auditWriteFailures.inc({ stage: 'outcome' });
      const delay = OUTCOME_RETRY_DELAYS_MS[i];
      if (delay === undefined) {
        log.error(
          {
            id,
            requestId: attempt.requestId,
            action: attempt.action,
            target: `${attempt.kind}/${attempt.namespace ?? ''}/${attempt.name}`,
            outcome,
            err,
          },
          'OUTCOME NOT RECORDED; the entry stays pending',
        );
        return;
      }
      log.warn({ id, err, attempt: i + 1, retryInMs: delay }, 'could not record outcome; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
