'use client';

import { useEffect, useState } from 'react';

import { kindById } from '@/lib/k8s/kinds';
import type { WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import { kubectlCommand, type KubectlAction, type KubectlTarget } from '@/lib/k8s/rollout/kubectl';

// The kubectl command that does what the dialog's button does (issue 15, item 6), ready to copy:
// operators can check the change or repeat it from a terminal, and learn what the button does.

export function KubectlEquivalent({ target, action }: { target: KubectlTarget; action: KubectlAction }) {
  const command = kubectlCommand(target, action);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(command).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div data-testid="kubectl-equivalent" className="text-xs">
      <p className="text-slate-500 dark:text-slate-400">The same with kubectl:</p>
      <div className="mt-1 flex items-start gap-2">
        <code
          data-testid="kubectl-command"
          className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 font-mono break-all text-slate-800 select-all dark:bg-slate-800 dark:text-slate-200"
        >
          {command}
        </code>
        <button
          type="button"
          onClick={copy}
          aria-label="Copy the kubectl command"
          className="shrink-0 rounded px-2 py-1 font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 dark:text-slate-300 dark:ring-slate-700 dark:hover:bg-slate-800/60"
        >
          {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** The command for an action on the workload the actions panel shows (kind id → Kubernetes kind). */
export function WorkloadKubectl({
  view,
  action,
}: {
  view: Pick<WorkloadActionsView, 'kind' | 'namespace' | 'name'>;
  action: KubectlAction;
}) {
  const kind = kindById(view.kind)?.kind ?? view.kind;
  return <KubectlEquivalent target={{ kind, namespace: view.namespace, name: view.name }} action={action} />;
}
