import 'server-only';

import { workloadOffers } from '@/lib/k8s/kinds/workload-traits';
import type { z } from 'zod';

import type { ActionName } from '@/lib/k8s/rollout/actions';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import {
  baseInput,
  type ActionContext,
  type ActionSpec,
  type Prepared,
  type Target,
} from '@/server/k8s/actions/pipeline';
import { assertUnchanged } from '@/server/k8s/actions/precondition';
import { workloadKindOf } from '@/server/k8s/actions/rollback';
import { ActionRefusedError } from '@/server/k8s/actions/results';
import { PATCH } from '@/server/k8s/actions/user-kube';
import { readWorkload, workloadPath, type AnyWorkload } from '@/server/k8s/actions/workloads';

// Restart (kubectl rollout restart: a template annotation with the time), pause and resume
// (kubectl rollout pause/resume: spec.paused). Merge patches carrying metadata.resourceVersion.
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/objectrestarter.go

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

type LifecycleInput = z.infer<typeof baseInput>;

export async function mergePatch(ctx: ActionContext, target: Target, body: unknown): Promise<AnyWorkload> {
  const t = { kind: workloadKindOf(target), namespace: target.namespace, name: target.name };
  return ctx.kube.request<AnyWorkload>({ method: 'PATCH', path: workloadPath(t), body, contentType: PATCH.merge });
}

function lifecycle(
  name: Extract<ActionName, 'restart' | 'pause' | 'resume'>,
  plan: (
    w: AnyWorkload,
    what: string,
  ) => { params: Record<string, unknown>; spec: Record<string, unknown>; message: string },
): ActionSpec<LifecycleInput> {
  return {
    name,
    input: baseInput,
    async prepare(ctx, target, input): Promise<Prepared> {
      const kind = workloadKindOf(target);
      const what = `${target.kind} ${target.namespace}/${target.name}`;
      const workload = await readWorkload(ctx.kube, { kind, namespace: target.namespace, name: target.name });
      if (!workloadOffers(kind, name)) {
        throw new ActionRefusedError(`Only Deployments can be paused and resumed`);
      }
      const planned = plan(workload, what);
      return {
        params: planned.params,
        resourceVersion: workload.metadata.resourceVersion,
        async run() {
          assertUnchanged(workload.metadata, input, what);
          const body = { metadata: { resourceVersion: workload.metadata.resourceVersion }, spec: planned.spec };
          const updated = await mergePatch(ctx, target, body);
          return {
            message: planned.message,
            resourceVersion: updated.metadata.resourceVersion,
            written: { before: workload, after: updated },
          };
        },
      };
    },
  };
}

const pausedOf = (w: AnyWorkload) => (w as RawDeployment).spec.paused === true;

export const restartAction = lifecycle('restart', (w, what) => {
  // kubectl refuses too: a paused Deployment would not roll the new template out.
  if (pausedOf(w)) throw new ActionRefusedError(`${what} is paused; resume it before restarting`);
  const at = new Date().toISOString();
  return {
    params: { restartedAt: { from: w.spec.template.metadata?.annotations?.[RESTARTED_AT] ?? null, to: at } },
    spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } },
    message: `Restarting ${what}: every pod is replaced by the rollout strategy`,
  };
});

export const pauseAction = lifecycle('pause', (w, what) => {
  if (pausedOf(w)) throw new ActionRefusedError(`${what} is already paused`);
  return {
    params: { paused: { from: false, to: true } },
    spec: { paused: true },
    message: `Paused the rollout of ${what}`,
  };
});

export const resumeAction = lifecycle('resume', (w, what) => {
  if (!pausedOf(w)) throw new ActionRefusedError(`${what} is not paused`);
  return {
    params: { paused: { from: true, to: false } },
    spec: { paused: false },
    message: `Resumed the rollout of ${what}`,
  };
});
