import 'server-only';

import { lastGoodRevision, rolloutInTrouble } from '@/lib/k8s/rollout/abort';
import { planDeploymentRollback } from '@/lib/k8s/rollout/rollback';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import { TIMED_OUT_REASON } from '@/lib/k8s/status/deployment-status';
import { mergePatch } from '@/server/k8s/actions/lifecycle';
import {
  baseInput,
  changesOfWrite,
  type ActionContext,
  type ActionSpec,
  type BaseInput,
  type Prepared,
  type Target,
} from '@/server/k8s/actions/pipeline';
import { assertUnchanged } from '@/server/k8s/actions/precondition';
import { applyRollback } from '@/server/k8s/actions/rollback';
import { audited } from '@/server/audit/audited';
import { ActionRefusedError, conflictError, errorResult } from '@/server/k8s/actions/results';
import { readHistory, readNewPods, readWorkload } from '@/server/k8s/actions/workloads';
import { KubeError } from '@/server/k8s/errors';

// Abort a rollout in trouble: roll back to the last good revision (lib/k8s/rollout/abort.ts defines
// it), then pause so nothing rolls forward again until someone resumes on purpose. Two writes: the
// rollback must happen on an unpaused Deployment (kubectl refuses paused ones; the controller does not
// roll a paused Deployment to a new template), then the pause.
//
// Each write is recorded as what it was (issue 11 item 14): the `abort` entry records the rollback
// (revision from → to) and its outcome; the pause is an entry of its own (`pause`, same request id).
// A rollback that succeeded followed by a pause that failed reads "abort ok, pause failed" in the
// log, and the person is told that the Deployment was rolled back but is NOT paused.

const PAUSE_ATTEMPTS = 3;
/** How long the pause waits for the controller to take in the rollback (see pauseAfter). */
const OBSERVE_ROLLBACK_MS = 20_000;
const OBSERVE_POLL_MS = 250;

/** Pause after the rollback. The controller updates status meanwhile (new resourceVersions), so
 *  retry while the spec generation is still the one our rollback produced; stop if anyone else
 *  changed the spec. */
async function pauseAfter(ctx: ActionContext, target: Target, generation: number | undefined, what: string) {
  const read = () =>
    readWorkload<RawDeployment>(ctx.kube, { kind: 'deployments', namespace: target.namespace, name: target.name });
  // Pause only once the controller has taken in the rollback (observedGeneration) and replaced the
  // ProgressDeadlineExceeded condition, which it never clears on a paused Deployment (deployment
  // controller checkPausedConditions, v1.20). Paused first, the aborted rollout would read "stuck"
  // until someone resumes it. The condition is checked too: a busy controller may observe the
  // generation in one sync and record progress in a later one. Bounded: past the wait, pause anyway.
  const deadline = Date.now() + OBSERVE_ROLLBACK_MS;
  const timedOut = (d: RawDeployment) =>
    d.status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === TIMED_OUT_REASON) === true;
  let now = await read();
  while (
    generation !== undefined &&
    now.metadata.generation === generation &&
    ((now.status?.observedGeneration ?? 0) < generation || timedOut(now)) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, OBSERVE_POLL_MS));
    now = await read();
  }
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) now = await read();
    if (generation !== undefined && now.metadata.generation !== generation) {
      throw conflictError(what, 'someone changed it right after the rollback; it was rolled back but not paused');
    }
    try {
      return await mergePatch(ctx, target, {
        metadata: { resourceVersion: now.metadata.resourceVersion },
        spec: { paused: true },
      });
    } catch (err) {
      if (!(err instanceof KubeError && err.kind === 'conflict') || attempt >= PAUSE_ATTEMPTS) throw err;
    }
  }
}

export const abortAction: ActionSpec<BaseInput> = {
  name: 'abort',
  input: baseInput,
  async prepare(ctx, target, input): Promise<Prepared> {
    if (target.kind !== 'Deployment') throw new ActionRefusedError('Abort is offered for Deployments');
    const what = `${target.kind} ${target.namespace}/${target.name}`;
    const t = { kind: 'deployments' as const, namespace: target.namespace, name: target.name };
    const d = await readWorkload<RawDeployment>(ctx.kube, t);
    const history = await readHistory(ctx.kube, t, d);
    const newPods = await readNewPods(ctx.kube, t, d, history);
    const goal = lastGoodRevision(history.revisions);
    const from = history.revisions[0]?.revision ?? null;
    const revision = { from, to: goal.ok ? goal.revision : null };
    return {
      params: { revision },
      resourceVersion: d.metadata.resourceVersion,
      async run() {
        assertUnchanged(d.metadata, input, what);
        if (!rolloutInTrouble(d, newPods)) {
          throw new ActionRefusedError(`The rollout of ${what} is not in trouble; nothing to abort`);
        }
        if (!goal.ok) throw new ActionRefusedError(`Cannot abort: ${goal.message}`);
        const plan = planDeploymentRollback(
          d,
          history.revisions,
          goal.revision,
          history.annotationsByRevision.get(goal.revision),
        );
        if (!plan.ok) throw new ActionRefusedError(plan.message);
        const updated = await applyRollback(ctx, target, plan);
        return {
          message: `Rolled ${what} back to revision ${goal.revision} (${goal.explanation})`,
          resourceVersion: updated.metadata.resourceVersion,
          written: { before: d, after: updated },
        };
      },
      async followUp(attempt, done) {
        const paused = { paused: { from: d.spec.paused === true, to: true } };
        try {
          const result = await audited(
            { ...attempt, action: 'pause', params: paused, resourceVersion: done.resourceVersion },
            async () => {
              const afterRollback = await readWorkload<RawDeployment>(ctx.kube, t);
              const pausedNow = await pauseAfter(ctx, target, afterRollback.metadata.generation, what);
              return { metadata: pausedNow.metadata, written: { before: afterRollback, after: pausedNow } };
            },
            { changes: changesOfWrite },
          );
          return {
            ok: true,
            message: `Aborted: ${done.message} and paused it. Resume when a fix is ready.`,
            resourceVersion: result.metadata.resourceVersion,
            params: { revision, ...paused },
          };
        } catch (err) {
          const failed = errorResult(err, what);
          return {
            ok: false,
            code: failed.ok ? 'failed' : failed.code,
            message: `${done.message}, but it could NOT be paused: ${failed.message} Pause it before anything rolls it forward again.`,
          };
        }
      },
    };
  },
};
