import 'server-only';

import { z } from 'zod';

import { ACTIONS, WORKLOAD_KINDS, type ActionName, type ActionResult } from '@/lib/k8s/rollout/actions';
import type { Identity } from '@/server/auth/identity';
import { abortAction } from '@/server/k8s/actions/abort';
import { hpaEditAction } from '@/server/k8s/actions/hpa';
import { pauseAction, restartAction, resumeAction } from '@/server/k8s/actions/lifecycle';
import { performAction, type ActionSpec, type BaseInput, type Target } from '@/server/k8s/actions/pipeline';
import { failure } from '@/server/k8s/actions/results';
import { rollbackAction } from '@/server/k8s/actions/rollback';
import { scaleAction } from '@/server/k8s/actions/scale';
import { kindName } from '@/server/k8s/actions/workloads';
import { NODE_SPECS } from '@/server/k8s/nodes/maintenance';
import { NODE_ACTIONS } from '@/lib/k8s/node-actions';
import { dnsSubdomainSchema, namespaceSchema } from '@/lib/k8s/names';

// Which action applies to which kind, and the validated route parameters.

const SPECS: Record<ActionName, ActionSpec<BaseInput>> = {
  scale: scaleAction as ActionSpec<BaseInput>,
  rollback: rollbackAction as ActionSpec<BaseInput>,
  restart: restartAction,
  pause: pauseAction,
  resume: resumeAction,
  abort: abortAction,
  'hpa-edit': hpaEditAction as ActionSpec<BaseInput>,
};

export const targetParams = z.object({
  kind: z.enum([...WORKLOAD_KINDS, 'horizontalpodautoscalers']),
  namespace: namespaceSchema,
  name: dnsSubdomainSchema,
  action: z.enum(ACTIONS),
});

/** Node maintenance (cordon, uncordon, drain): cluster-scoped, so the namespace segment is `_`. */
export const nodeTargetParams = z.object({
  kind: z.literal('nodes'),
  namespace: z.literal('_'),
  name: dnsSubdomainSchema,
  action: z.enum(NODE_ACTIONS),
});

/** Runs an action named by route parameters for `who`; the route adds session, CSRF and rate limit. */
export async function runNamedAction(
  who: Identity,
  params: { cluster: string; kind: string; namespace: string; name: string; action: string },
  body: unknown,
): Promise<ActionResult> {
  if (params.kind === 'nodes') {
    const node = nodeTargetParams.safeParse(params);
    if (!node.success) return failure('not-found', 'No such action or node');
    const { name, action } = node.data;
    return performAction(NODE_SPECS[action], who, params.cluster, { kind: 'Node', namespace: '', name }, body);
  }
  const parsed = targetParams.safeParse(params);
  if (!parsed.success) return failure('not-found', 'No such action or object');
  const { kind, namespace, name, action } = parsed.data;
  const isHpa = kind === 'horizontalpodautoscalers';
  if (isHpa !== (action === 'hpa-edit')) return failure('not-found', `No action ${action} for ${kind}`);
  const target: Target = { kind: isHpa ? 'HorizontalPodAutoscaler' : kindName(kind), namespace, name };
  return performAction(SPECS[action], who, params.cluster, target, body);
}
