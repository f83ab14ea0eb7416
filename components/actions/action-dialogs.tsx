'use client';

import type { ActionName, ActionResult, WorkloadActionsView } from '@/lib/k8s/rollout/actions';

import { ConfirmDialog, Warning } from './confirm-dialog';
import { DiffView } from './diff-view';
import { DisruptionPreview } from './disruption-preview';
import { HpaEditDialog } from './hpa-edit-dialog';
import { WorkloadKubectl } from './kubectl-equivalent';
import { RollbackCompleteness } from './rollback-completeness';
import { ScaleDialog } from './scale-dialog';
import { VisibleText } from '@/components/ui/visible-text';

// The dialogs of the actions panel; one is open at a time.

export type OpenDialog =
  | { type: 'scale' }
  | { type: 'hpa' }
  | { type: 'rollback'; revision: number }
  | { type: 'restart' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'abort' };

interface Props {
  cluster: string;
  view: WorkloadActionsView;
  dialog: OpenDialog | null;
  onClose: () => void;
  onOpen: (d: OpenDialog) => void;
  run: (action: ActionName, extra: Record<string, unknown>, reason: string) => Promise<ActionResult>;
  onDone: (r: ActionResult & { ok: true }) => void;
  /** After a conflict: re-read the workload and take its new resourceVersion as what was reviewed. */
  onReload: () => Promise<void>;
}

const SIMPLE: Record<'restart' | 'pause' | 'resume', { title: string; label: string; text: string }> = {
  restart: {
    title: 'Restart',
    label: 'Restart',
    text: 'Every pod is replaced, following the rollout strategy (the restartedAt annotation changes the pod template).',
  },
  pause: {
    title: 'Pause the rollout of',
    label: 'Pause',
    text: 'Template changes will not roll out until it is resumed.',
  },
  resume: { title: 'Resume the rollout of', label: 'Resume', text: 'Pending template changes roll out now.' },
};

export function ActionDialogs({ cluster, view, dialog, onClose, onOpen, run, onDone, onReload }: Props) {
  const setOpen = (open: boolean) => {
    if (!open) onClose();
  };
  const gitOps = view.gitOpsWarning ? <Warning testId="gitops-warning">{view.gitOpsWarning}</Warning> : null;
  const current = view.history[0]?.revision;
  // The controllers number the restored template max+1 (lib/k8s/rollout/rollback.ts nextRevision).
  const next = Math.max(0, ...view.history.map((r) => r.revision)) + 1;
  if (!dialog) return null;
  switch (dialog.type) {
    case 'scale':
      return (
        <ScaleDialog
          cluster={cluster}
          view={view}
          open
          onOpenChange={setOpen}
          onConfirm={(replicas, reason) => run('scale', { replicas }, reason)}
          onEditHpa={view.permissions.hpaEdit ? () => onOpen({ type: 'hpa' }) : undefined}
          onDone={onDone}
          onReload={onReload}
        />
      );
    case 'hpa':
      return view.hpa ? (
        <HpaEditDialog
          cluster={cluster}
          namespace={view.namespace}
          hpa={view.hpa}
          maxReplicas={view.maxReplicas}
          open
          onOpenChange={setOpen}
          onDone={onDone}
        />
      ) : null;
    case 'rollback': {
      const target = view.history.find((r) => r.revision === dialog.revision);
      return (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={`Roll back ${view.name} to revision ${dialog.revision}`}
          confirmLabel={`Roll back to revision ${dialog.revision}`}
          danger
          canConfirm={!view.paused}
          onConfirm={(reason) => run('rollback', { toRevision: dialog.revision }, reason)}
          onDone={onDone}
          onReload={onReload}
        >
          <p>
            The pod template of revision {dialog.revision} (<VisibleText text={target?.images.join(', ') ?? ''} />)
            replaces the current one (revision {current}); it rolls out as revision {next}. Changes to the pod template:
          </p>
          <DiffView diff={target?.diff ?? ''} />
          <RollbackCompleteness
            cluster={cluster}
            kind={view.kind}
            namespace={view.namespace}
            name={view.name}
            toRevision={dialog.revision}
          />
          <DisruptionPreview
            cluster={cluster}
            kind={view.kind}
            namespace={view.namespace}
            name={view.name}
            podSelector={view.podSelector}
            action={{ kind: 'rollout' }}
          />
          <WorkloadKubectl view={view} action={{ action: 'rollback', toRevision: dialog.revision }} />
          {view.paused ? (
            // kubectl rollout undo refuses a paused Deployment before sending anything (rollback.go);
            // so does the actions API: the button stays disabled and says why, and resume is offered.
            <Warning testId="rollback-paused">
              You cannot roll back a paused Deployment: resume the rollout first, then roll back.
              {view.permissions.resume ? (
                <button
                  type="button"
                  onClick={() => onOpen({ type: 'resume' })}
                  className="ml-2 rounded bg-white dark:bg-slate-900 px-2 py-0.5 text-xs font-medium text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60"
                >
                  Resume rollout…
                </button>
              ) : (
                ' You may not resume it; ask someone who may.'
              )}
            </Warning>
          ) : null}
          {gitOps}
        </ConfirmDialog>
      );
    }
    case 'abort':
      return (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={`Abort the rollout of ${view.name}`}
          confirmLabel="Abort rollout"
          danger
          onConfirm={(reason) => run('abort', {}, reason)}
          onDone={onDone}
          onReload={onReload}
        >
          <p>
            Rolls back to revision {view.abortTarget?.revision ?? '?'} (
            {view.abortTarget?.explanation ?? 'no earlier revision'}) and pauses the rollout, so nothing rolls forward
            until someone resumes it.
          </p>
          {view.abortTarget ? (
            <DiffView diff={view.history.find((r) => r.revision === view.abortTarget?.revision)?.diff ?? ''} />
          ) : null}
          {view.abortTarget ? (
            <WorkloadKubectl view={view} action={{ action: 'abort', toRevision: view.abortTarget.revision }} />
          ) : null}
          {gitOps}
        </ConfirmDialog>
      );
    default: {
      const s = SIMPLE[dialog.type];
      const action = dialog.type;
      return (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={`${s.title} ${view.name}`}
          confirmLabel={s.label}
          onConfirm={(reason) => run(action, {}, reason)}
          onDone={onDone}
          onReload={onReload}
        >
          <p>{s.text}</p>
          {action === 'restart' ? (
            <DisruptionPreview
              cluster={cluster}
              kind={view.kind}
              namespace={view.namespace}
              name={view.name}
              podSelector={view.podSelector}
              action={{ kind: 'rollout' }}
            />
          ) : null}
          <WorkloadKubectl view={view} action={{ action }} />
          {gitOps}
        </ConfirmDialog>
      );
    }
  }
}
