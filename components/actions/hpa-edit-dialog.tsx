'use client';

import { useState } from 'react';

import type { ActionResult, HpaRef } from '@/lib/k8s/rollout/actions';
import { hpaBoundsSchema, parseReplicasInput } from '@/lib/k8s/rollout/scale';

import { postAction } from '@/lib/query/actions';
import { ConfirmDialog } from './confirm-dialog';
import { KubectlEquivalent } from './kubectl-equivalent';

// Change an HPA's min/max (what to do instead of a manual scale the HPA would undo). Exported for
// the autoscaling screen too. The bounds the person saw are sent as the precondition.

export interface HpaEditDialogProps {
  cluster: string;
  namespace: string;
  hpa: HpaRef;
  maxReplicas: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone?: (result: ActionResult & { ok: true }) => void;
}

export function HpaEditDialog({
  cluster,
  namespace,
  hpa,
  maxReplicas,
  open,
  onOpenChange,
  onDone,
}: HpaEditDialogProps) {
  const [min, setMin] = useState(String(hpa.minReplicas));
  const [max, setMax] = useState(String(hpa.maxReplicas));
  const [requestId] = useState(() => crypto.randomUUID());
  const check = hpaBoundsSchema(maxReplicas).safeParse({
    minReplicas: parseReplicasInput(min),
    maxReplicas: parseReplicasInput(max),
  });
  const problem = check.success ? undefined : check.error.issues[0]?.message;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Change the autoscaling range of ${hpa.name}`}
      confirmLabel="Save range"
      canConfirm={check.success}
      onDone={onDone}
      onConfirm={(reason) =>
        postAction({ cluster, kind: 'horizontalpodautoscalers', namespace, name: hpa.name }, 'hpa-edit', {
          requestId,
          resourceVersion: hpa.resourceVersion,
          seen: { minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas },
          minReplicas: parseReplicasInput(min),
          maxReplicas: parseReplicasInput(max),
          reason: reason || undefined,
        })
      }
    >
      <p>
        Now {hpa.minReplicas}–{hpa.maxReplicas} replicas. The autoscaler keeps the workload within this range.
      </p>
      <div className="flex gap-4">
        <label className="text-sm">
          Minimum
          <input
            aria-label="Minimum replicas"
            inputMode="numeric"
            value={min}
            onChange={(e) => setMin(e.target.value)}
            className="mt-1 block w-24 rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          />
        </label>
        <label className="text-sm">
          Maximum
          <input
            aria-label="Maximum replicas"
            inputMode="numeric"
            value={max}
            onChange={(e) => setMax(e.target.value)}
            className="mt-1 block w-24 rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          />
        </label>
      </div>
      {problem ? <p className="text-sm text-red-700 dark:text-red-300">{problem}</p> : null}
      {check.success ? (
        <KubectlEquivalent
          target={{ kind: 'HorizontalPodAutoscaler', namespace, name: hpa.name }}
          action={{ action: 'hpa-edit', ...check.data }}
        />
      ) : null}
    </ConfirmDialog>
  );
}
