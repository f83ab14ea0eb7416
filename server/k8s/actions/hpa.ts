import 'server-only';

import { z } from 'zod';

import type { HpaRef } from '@/lib/k8s/rollout/actions';
import { hpaBoundsSchema } from '@/lib/k8s/rollout/scale';
import { serverEnv } from '@/server/env';
import { baseInput, type ActionSpec, type Prepared, type Target } from '@/server/k8s/actions/pipeline';
import { conflictError } from '@/server/k8s/actions/results';
import { PATCH, type UserKube } from '@/server/k8s/actions/user-kube';

// The HPA that targets a workload, and editing its min/max (the alternative to a manual scale the
// HPA would undo). autoscaling/v1 is served by every supported version and carries min/max.

interface RawHpa {
  metadata: { name: string; resourceVersion: string };
  spec: { minReplicas?: number; maxReplicas: number; scaleTargetRef: { kind: string; name: string } };
}

const hpaCollection = (ns: string) =>
  `/apis/autoscaling/v1/namespaces/${encodeURIComponent(ns)}/horizontalpodautoscalers`;

function toRef(h: RawHpa): HpaRef {
  return {
    name: h.metadata.name,
    minReplicas: h.spec.minReplicas ?? 1,
    maxReplicas: h.spec.maxReplicas,
    resourceVersion: h.metadata.resourceVersion,
  };
}

export async function findHpaFor(kube: UserKube, target: Target): Promise<HpaRef | undefined> {
  const list = await kube.request<{ items: RawHpa[] }>({ path: hpaCollection(target.namespace) });
  const hit = list.items.find(
    (h) => h.spec.scaleTargetRef.kind === target.kind && h.spec.scaleTargetRef.name === target.name,
  );
  return hit ? toRef(hit) : undefined;
}

const hpaInput = baseInput.extend({
  minReplicas: z.number(),
  maxReplicas: z.number(),
  /** The bounds the person saw: HPA status changes every sync, so the spec is the precondition. */
  seen: z.object({ minReplicas: z.number().int(), maxReplicas: z.number().int() }),
});
type HpaInput = z.infer<typeof hpaInput>;

export const hpaEditAction: ActionSpec<HpaInput> = {
  name: 'hpa-edit',
  input: hpaInput.superRefine((v, ctx) => {
    const r = hpaBoundsSchema(serverEnv().maxReplicas).safeParse(v);
    if (!r.success)
      for (const issue of r.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
  }),
  async prepare(ctx, target, input): Promise<Prepared> {
    const what = `HorizontalPodAutoscaler ${target.namespace}/${target.name}`;
    const path = `${hpaCollection(target.namespace)}/${encodeURIComponent(target.name)}`;
    const read = await ctx.kube.request<RawHpa>({ path });
    const current = toRef(read);
    return {
      params: {
        minReplicas: { from: current.minReplicas, to: input.minReplicas },
        maxReplicas: { from: current.maxReplicas, to: input.maxReplicas },
      },
      resourceVersion: current.resourceVersion,
      async run() {
        if (current.minReplicas !== input.seen.minReplicas || current.maxReplicas !== input.seen.maxReplicas) {
          throw conflictError(
            what,
            `now ${current.minReplicas}–${current.maxReplicas}, you saw ${input.seen.minReplicas}–${input.seen.maxReplicas}`,
          );
        }
        const body = {
          metadata: { resourceVersion: current.resourceVersion },
          spec: { minReplicas: input.minReplicas, maxReplicas: input.maxReplicas },
        };
        const updated = await ctx.kube.request<RawHpa>({ method: 'PATCH', path, body, contentType: PATCH.merge });
        return {
          message: `${what} now scales between ${input.minReplicas} and ${input.maxReplicas} replicas`,
          resourceVersion: updated.metadata.resourceVersion,
          written: { before: read, after: updated },
        };
      },
    };
  },
};
