'use client';

import { useState } from 'react';

import type { ActionResult, WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import { parseReplicasInput, replicasSchema } from '@/lib/k8s/rollout/scale';

import { ConfirmDialog, Warning } from './confirm-dialog';
import { DisruptionPreview } from './disruption-preview';
import { WorkloadKubectl } from './kubectl-equivalent';

// Scale: a whole number 0…max, a confirmation for 0, and the HPA and GitOps warnings before confirming.

export interface ScaleDialogProps {
  /** For the disruption preview of a scale-down (live lists of the workload's namespace). */
  cluster?: string;
  view: WorkloadActionsView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (replicas: number, reason: string) => Promise<ActionResult>;
  onEditHpa?: () => void;
  onDone: (result: ActionResult & { ok: true }) => void;
  onReload?: () => Promise<void>;
}

export function ScaleDialog({
  cluster,
  view,
  open,
  onOpenChange,
  onConfirm,
  onEditHpa,
  onDone,
  onReload,
}: ScaleDialogProps) {
  const [text, setText] = useState(String(view.replicas ?? 1));
  const replicas = parseReplicasInput(text);
  const check = replicasSchema(view.maxReplicas).safeParse(replicas);
  const problem = check.success ? undefined : (check.error.issues[0]?.message ?? 'Invalid number');
  const [zeroConfirmed, setZeroConfirmed] = useState(false);
  const needsZeroConfirm = check.success && replicas === 0;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Scale ${view.name}`}
      confirmLabel={`Scale to ${check.success ? replicas : '…'}`}
      danger={needsZeroConfirm}
      canConfirm={check.success && (!needsZeroConfirm || zeroConfirmed)}
      onConfirm={(reason) => onConfirm(replicas, reason)}
      onDone={onDone}
      onReload={onReload}
    >
      <label className="block text-sm">
        Replicas (now {view.replicas ?? '?'}; at most {view.maxReplicas})
        <input
          aria-label="Replicas"
          inputMode="numeric"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setZeroConfirmed(false);
          }}
          className="mt-1 block w-32 rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
        />
      </label>
      {problem ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      {needsZeroConfirm ? (
        <label className="flex items-center gap-2 rounded bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200">
          <input type="checkbox" checked={zeroConfirmed} onChange={(e) => setZeroConfirmed(e.target.checked)} />
          Scaling to 0 stops every pod of {view.name}. I understand.
        </label>
      ) : null}
      {view.hpa ? (
        <Warning testId="hpa-warning">
          The HorizontalPodAutoscaler <strong>{view.hpa.name}</strong> manages this workload: it will overwrite a manual
          scale within {view.hpa.minReplicas}–{view.hpa.maxReplicas} replicas.{' '}
          {onEditHpa ? (
            <button type="button" onClick={onEditHpa} className="font-medium underline">
              Change the HPA’s min/max instead
            </button>
          ) : null}
        </Warning>
      ) : null}
      {cluster && check.success && view.replicas !== undefined && replicas < view.replicas ? (
        <DisruptionPreview
          cluster={cluster}
          kind={view.kind}
          namespace={view.namespace}
          name={view.name}
          podSelector={view.podSelector}
          action={{ kind: 'scale', from: view.replicas, to: replicas }}
        />
      ) : null}
      {view.gitOpsWarning ? <Warning testId="gitops-warning">{view.gitOpsWarning}</Warning> : null}
      {check.success ? <WorkloadKubectl view={view} action={{ action: 'scale', replicas }} /> : null}
    </ConfirmDialog>
  );
}
