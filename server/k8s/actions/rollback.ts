import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import { KubeError } from '@/server/k8s/errors';
import { z } from 'zod';

import { WORKLOAD_KINDS, type WorkloadKind } from '@/lib/k8s/rollout/actions';
import { planDeploymentRollback, planTemplateRollback, type RollbackPlan } from '@/lib/k8s/rollout/rollback';
import type { RawDeployment, RawTemplateWorkload } from '@/lib/k8s/rollout/types';
import {
  baseInput,
  type ActionContext,
  type ActionSpec,
  type Prepared,
  type Target,
} from '@/server/k8s/actions/pipeline';
import { assertUnchanged } from '@/server/k8s/actions/precondition';
import { ActionRefusedError } from '@/server/k8s/actions/results';
import { PATCH } from '@/server/k8s/actions/user-kube';
import { readHistory, readWorkload, workloadPath, type AnyWorkload } from '@/server/k8s/actions/workloads';

// Rollback to a chosen revision (kubectl rollout undo --to-revision semantics; lib/k8s/rollout/rollback.ts).

const rollbackInput = baseInput.extend({ toRevision: z.number().int().min(1) });
type RollbackInput = z.infer<typeof rollbackInput>;

export function workloadKindOf(target: Target): WorkloadKind {
  const id = `${target.kind.toLowerCase()}s`;
  if (!(WORKLOAD_KINDS as readonly string[]).includes(id)) throw new Error(`not a workload kind: ${target.kind}`);
  return id as WorkloadKind;
}

export async function planRollback(
  ctx: ActionContext,
  target: Target,
  toRevision: number,
): Promise<{ workload: AnyWorkload; plan: RollbackPlan; current: number | undefined }> {
  const t = { kind: workloadKindOf(target), namespace: target.namespace, name: target.name };
  const workload = await readWorkload(ctx.kube, t);
  const history = await readHistory(ctx.kube, t, workload);
  // Kinds that roll out through ReplicaSets roll back as `kubectl rollout undo` does for Deployments;
  // the others restore a ControllerRevision's template.
  const plan =
    kindById(t.kind)?.workload?.rollout === 'replicasets'
      ? planDeploymentRollback(
          workload as RawDeployment,
          history.revisions,
          toRevision,
          history.annotationsByRevision.get(toRevision),
        )
      : planTemplateRollback(workload as RawTemplateWorkload, history.revisions, toRevision);
  return { workload, plan, current: history.revisions[0]?.revision };
}

/** Sends a planned rollback; returns the workload as the API server answered (new resourceVersion). */
export async function applyRollback(
  ctx: ActionContext,
  target: Target,
  plan: RollbackPlan & { ok: true },
): Promise<AnyWorkload> {
  const t = { kind: workloadKindOf(target), namespace: target.namespace, name: target.name };
  return ctx.kube.request<AnyWorkload>({
    method: 'PATCH',
    path: workloadPath(t),
    body: plan.patch,
    contentType: plan.kind === 'json-patch' ? PATCH.json : PATCH.strategic,
  });
}

export const rollbackAction: ActionSpec<RollbackInput> = {
  name: 'rollback',
  input: rollbackInput,
  async prepare(ctx, target, input): Promise<Prepared> {
    const what = `${target.kind} ${target.namespace}/${target.name}`;
    const { workload, plan, current } = await planRollback(ctx, target, input.toRevision);
    // The revision it was on, also when the rollback is refused (Activity reads "revision 5 → 4").
    const from = plan.ok ? plan.from : current;
    return {
      params: { revision: { from: from ?? null, to: input.toRevision } },
      resourceVersion: workload.metadata.resourceVersion,
      async run() {
        assertUnchanged(workload.metadata, input, what);
        if (!plan.ok) throw new ActionRefusedError(plan.message);
        // The patch carries the resourceVersion read a moment ago; a controller's status write moves it
        // without changing what the person reviewed. On a 409, plan again from a fresh read: the same
        // generation and the same current revision mean only the status moved, so the rollback goes on.
        let updated: AnyWorkload | undefined;
        let sending = plan;
        for (let attempt = 1; !updated; attempt++) {
          try {
            updated = await applyRollback(ctx, target, sending);
          } catch (err) {
            if (!(err instanceof KubeError && err.kind === 'conflict') || attempt >= 3) throw err;
            const again = await planRollback(ctx, target, input.toRevision);
            assertUnchanged(again.workload.metadata, input, what);
            if (!again.plan.ok || again.current !== current) throw err;
            sending = again.plan;
          }
        }
        return {
          message: `Rolling back ${what} from revision ${plan.from} to revision ${plan.to}'s template: it becomes revision ${plan.next}`,
          resourceVersion: updated.metadata.resourceVersion,
          newRevision: plan.next,
          written: { before: workload, after: updated },
        };
      },
    };
  },
};
