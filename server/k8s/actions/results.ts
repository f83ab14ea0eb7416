import 'server-only';

import type { ActionErrorCode, ActionResult } from '@/lib/k8s/rollout/actions';
import { AuditUnavailableError } from '@/server/audit/audited';
import { ElevationRequiredError } from '@/server/audit/elevation';
import { KubeError } from '@/server/k8s/errors';
import { PRIVATE_NO_STORE } from '@/server/http/responses';
import { logger } from '@/server/observability/log';

const log = logger('actions');

// Failures of an action → `{ ok: false, code, message }` in plain words, and an HTTP status.

/** A refusal decided before anything is sent (paused, revision gone, already current). */
export class ActionRefusedError extends KubeError {
  constructor(message: string) {
    // The API never saw the request; the audit log records it as 'refused' (audited.ts outcomeOf).
    super('invalid', message);
    this.name = 'ActionRefusedError';
  }
}

/** The object moved on since the person looked (detected by us or by the API server). */
export function conflictError(what: string, detail?: string): KubeError {
  const tail = detail ? ` (${detail})` : '';
  return new KubeError(
    'conflict',
    `${what} changed since you looked${tail}. Nothing was changed: reload and review the current state, then confirm again.`,
    { status: 409 },
  );
}

const STATUS: Record<ActionErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  'elevation-required': 403,
  'not-found': 404,
  conflict: 409,
  refused: 422,
  invalid: 422,
  'rate-limited': 429,
  'audit-unavailable': 503,
  failed: 502,
};

export function failure(code: ActionErrorCode, message: string): ActionResult {
  return { ok: false, code, message };
}

export function errorResult(err: unknown, what: string): ActionResult {
  if (err instanceof ActionRefusedError) return failure('refused', err.message);
  if (err instanceof AuditUnavailableError) return failure('audit-unavailable', err.message);
  if (err instanceof ElevationRequiredError) return failure('elevation-required', err.message);
  if (err instanceof KubeError) {
    switch (err.kind) {
      case 'forbidden':
        return failure('forbidden', `The cluster does not allow you to do this. ${err.message}`);
      case 'conflict':
        return failure(
          'conflict',
          err.message.includes('changed since you looked') ? err.message : conflictError(what).message,
        );
      case 'not-found':
        return failure('not-found', `${what} no longer exists. ${err.message}`);
      case 'invalid':
        return failure('invalid', err.message);
      case 'too-many-requests':
        // The API server's own throttling is not the dashboard failing: say when to retry (429).
        return failure('rate-limited', err.message);
      default:
        return failure('failed', err.message);
    }
  }
  log.error({ err }, 'unexpected failure');
  return failure('failed', 'The action failed unexpectedly; see the server log');
}

export function resultResponse(result: ActionResult): Response {
  const status = result.ok ? 200 : STATUS[result.code];
  return Response.json(result, { status, headers: PRIVATE_NO_STORE });
}
