import 'server-only';

import { workloadOffers } from '@/lib/k8s/kinds/workload-traits';
import { z } from 'zod';

import { replicasSchema } from '@/lib/k8s/rollout/scale';
import { serverEnv } from '@/server/env';
import { baseInput, type ActionSpec, type Prepared } from '@/server/k8s/actions/pipeline';
import { assertUnchanged } from '@/server/k8s/actions/precondition';
import { workloadKindOf } from '@/server/k8s/actions/rollback';
import { ActionRefusedError } from '@/server/k8s/actions/results';
import { findHpaFor } from '@/server/k8s/actions/hpa';
import { readWorkload, workloadPath } from '@/server/k8s/actions/workloads';
import { KubeError } from '@/server/k8s/errors';

// Scale through the `scale` subresource: PUT the Scale object carrying the resourceVersion, so a
// concurrent change is a 409, never an overwrite (REFERENCE.md "Scale").

const scaleInput = baseInput.extend({ replicas: z.number() });
type ScaleInput = z.infer<typeof scaleInput>;

interface Scale {
  metadata: { resourceVersion: string };
  spec: { replicas?: number };
}

export const scaleAction: ActionSpec<ScaleInput> = {
  name: 'scale',
  input: scaleInput.superRefine((v, ctx) => {
    const r = replicasSchema(serverEnv().maxReplicas).safeParse(v.replicas);
    if (!r.success)
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['replicas'] });
  }),
  async prepare(ctx, target, input): Promise<Prepared> {
    const kind = workloadKindOf(target);
    const what = `${target.kind} ${target.namespace}/${target.name}`;
    const t = { kind, namespace: target.namespace, name: target.name };
    const workload = await readWorkload(ctx.kube, t);
    const from = workload.spec.replicas ?? null;
    const scalable = workloadOffers(kind, 'scale');
    const hpa = scalable ? await findHpaFor(ctx.kube, target).catch(() => undefined) : undefined;
    return {
      params: { replicas: { from, to: input.replicas } },
      resourceVersion: workload.metadata.resourceVersion,
      async run() {
        if (!scalable)
          throw new ActionRefusedError(
            kind === 'daemonsets'
              ? 'A DaemonSet runs one pod per node; it cannot be scaled'
              : `A ${target.kind} cannot be scaled here`,
          );
        assertUnchanged(workload.metadata, input, what);
        const put = (resourceVersion: string) =>
          ctx.kube.request<Scale>({
            method: 'PUT',
            path: workloadPath(t, 'scale'),
            body: {
              apiVersion: 'autoscaling/v1',
              kind: 'Scale',
              metadata: { name: target.name, namespace: target.namespace, resourceVersion },
              spec: { replicas: input.replicas },
            },
          });
        // The PUT carries the resourceVersion read a moment ago; the controllers' status writes move it
        // without changing what the person reviewed. On a 409, read again: the same generation and
        // replicas mean only the status moved, so the scale goes on; anything else is the person's conflict.
        let scale: Scale | undefined;
        let resourceVersion = workload.metadata.resourceVersion;
        for (let attempt = 1; !scale; attempt++) {
          try {
            scale = await put(resourceVersion);
          } catch (err) {
            if (!(err instanceof KubeError && err.kind === 'conflict') || attempt >= 3) throw err;
            const fresh = await readWorkload(ctx.kube, t);
            assertUnchanged(fresh.metadata, input, what);
            if ((fresh.spec.replicas ?? null) !== from) throw err;
            resourceVersion = fresh.metadata.resourceVersion;
          }
        }
        const note = hpa
          ? ` The HorizontalPodAutoscaler ${hpa.name} manages it and will set it back within ${hpa.minReplicas}–${hpa.maxReplicas}.`
          : '';
        return {
          message: `Scaled ${what} from ${from ?? '?'} to ${input.replicas} replicas.${note}`,
          resourceVersion: scale.metadata.resourceVersion,
          // The Scale answer carries only spec.replicas: compare it with the workload's.
          written: { before: { spec: { replicas: from ?? undefined } }, after: scale },
        };
      },
    };
  },
};
