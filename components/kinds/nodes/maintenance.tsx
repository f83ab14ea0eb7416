'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { ConfirmDialog, Warning } from '@/components/actions/confirm-dialog';
import { KubectlEquivalent } from '@/components/actions/kubectl-equivalent';
import type { KindPanelProps } from '@/components/kinds/types';
import { Section } from '@/components/resource/section';
import { StatusBadge, type BadgeTone } from '@/components/ui/status-badge';
import { drainSentence, type DrainPreview } from '@/lib/k8s/drain';
import type { DrainJobView, DrainPodState, NodeActionName, NodeMaintenanceView } from '@/lib/k8s/node-actions';
import { kubectlCommand } from '@/lib/k8s/rollout/kubectl';
import { fetchNodeMaintenance, nodeMaintenanceKey, postNodeAction, stopNodeDrain } from '@/lib/query/node-maintenance';
import { routes } from '@/lib/routes';

// The node page's maintenance section (issue 15, item 3): cordon, uncordon and drain as the signed-in
// person (audited, with a reason), the drain preview (which pods go, in which order, which budgets
// block, what stays) and the drain's live per-pod progress with a stop button. Registered through
// KIND_EXTRA_PANELS so the node panel stays its owner's.

const STATE_WORDS: Record<DrainPodState, { text: string; tone: BadgeTone }> = {
  pending: { text: 'Pending', tone: 'slate' },
  waiting: { text: 'Waiting for PDB', tone: 'amber' },
  terminating: { text: 'Terminating', tone: 'blue' },
  evicted: { text: 'Evicted', tone: 'green' },
  failed: { text: 'Failed', tone: 'red' },
};

const JOB_WORDS: Record<DrainJobView['state'], { text: string; tone: BadgeTone }> = {
  running: { text: 'Draining', tone: 'blue' },
  completed: { text: 'Drained', tone: 'green' },
  stopped: { text: 'Stopped', tone: 'amber' },
  failed: { text: 'Did not complete', tone: 'red' },
};

const button =
  'rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 dark:ring-slate-700 text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800/60 disabled:opacity-50';

function PodLink({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  return (
    <Link
      href={routes.object(cluster, 'pods', namespace, name)}
      className="font-mono text-sky-700 hover:underline dark:text-sky-400"
    >
      {namespace}/{name}
    </Link>
  );
}

function PreviewDetails({ cluster, preview }: { cluster: string; preview: DrainPreview }) {
  return (
    <div className="space-y-2" data-testid="drain-preview">
      {preview.evict.length ? (
        <table className="w-full text-left text-xs">
          <thead className="uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-2 font-medium">#</th>
              <th className="py-1 pr-2 font-medium">Pod evicted</th>
              <th className="py-1 pr-2 font-medium">Budget</th>
              <th className="py-1 font-medium">Notes</th>
            </tr>
          </thead>
          <tbody>
            {preview.evict.map((p) => (
              <tr
                key={`${p.namespace}/${p.name}`}
                data-testid="drain-preview-pod"
                className="border-t border-slate-100 dark:border-slate-800"
              >
                <td className="py-1 pr-2 tabular-nums">{p.order}</td>
                <td className="py-1 pr-2">
                  <PodLink cluster={cluster} namespace={p.namespace} name={p.name} />
                </td>
                <td className="py-1 pr-2">
                  {p.pdbs.length ? p.pdbs.join(', ') : '—'}
                  {p.blockedBy ? (
                    <span className="ml-1">
                      <StatusBadge tone="amber">blocks now</StatusBadge>
                    </span>
                  ) : null}
                </td>
                <td className="py-1">
                  {[
                    p.multiplePdbs ? 'several budgets: the eviction API refuses it' : null,
                    p.bare ? 'no controller: nothing recreates it (--force)' : null,
                    p.localStorage.length ? `emptyDir data lost (${p.localStorage.join(', ')})` : null,
                    p.finished ? 'finished' : null,
                    p.deleting ? 'already terminating' : null,
                  ]
                    .filter(Boolean)
                    .join('; ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.left.length ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="drain-left">
          Left in place, as kubectl drain does:{' '}
          {preview.left
            .map((p) => `${p.namespace}/${p.name} (${p.reason === 'daemonset' ? 'DaemonSet' : 'mirror pod'})`)
            .join(', ')}
          .
        </p>
      ) : null}
    </div>
  );
}

function Progress({
  cluster,
  node,
  job,
  onStopped,
}: {
  cluster: string;
  node: string;
  job: DrainJobView;
  onStopped: () => void;
}) {
  const [stopping, setStopping] = useState<string | null>(null);
  const words = JOB_WORDS[job.state];
  return (
    <div className="mt-3 space-y-2" data-testid="drain-progress" data-state={job.state}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <StatusBadge tone={words.tone}>{words.text}</StatusBadge>
        <span data-testid="drain-summary">{job.summary}</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          started by {job.user} · {job.evictionVersion} Eviction
        </span>
        {job.state === 'running' ? (
          <button
            type="button"
            className={button}
            disabled={stopping !== null}
            onClick={() => {
              setStopping('Stopping…');
              void stopNodeDrain(cluster, node, job.id).then((m) => {
                setStopping(m);
                onStopped();
              });
            }}
          >
            Stop drain
          </button>
        ) : null}
      </div>
      {stopping ? <p className="text-xs text-slate-600 dark:text-slate-400">{stopping}</p> : null}
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-3 font-medium">#</th>
            <th className="py-1 pr-3 font-medium">Pod</th>
            <th className="py-1 pr-3 font-medium">State</th>
            <th className="py-1 font-medium">Detail</th>
          </tr>
        </thead>
        <tbody>
          {job.pods.map((p) => (
            <tr
              key={`${p.namespace}/${p.name}`}
              data-testid="drain-pod"
              data-pod={`${p.namespace}/${p.name}`}
              data-state={p.state}
              className="border-t border-slate-100 dark:border-slate-800"
            >
              <td className="py-1 pr-3 tabular-nums">{p.order}</td>
              <td className="py-1 pr-3">
                <PodLink cluster={cluster} namespace={p.namespace} name={p.name} />
              </td>
              <td className="py-1 pr-3">
                <StatusBadge tone={STATE_WORDS[p.state].tone}>{STATE_WORDS[p.state].text}</StatusBadge>
              </td>
              <td className="py-1 text-xs text-slate-600 dark:text-slate-400">
                {p.message ?? (p.attempts > 1 ? `evicted after ${p.attempts} attempts` : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NodeMaintenancePanel({ cluster, name }: KindPanelProps) {
  const queryClient = useQueryClient();
  const key = nodeMaintenanceKey(cluster, name);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchNodeMaintenance(cluster, name, signal),
    // Live progress while a drain runs (ADR 0025: polled, once a second); otherwise a slow refresh.
    refetchInterval: (q) => (q.state.data?.job?.state === 'running' ? 1000 : 10_000),
  });
  const [dialog, setDialog] = useState<{ action: NodeActionName; requestId: string; seen: NodeMaintenanceView } | null>(
    null,
  );
  const [force, setForce] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });

  const view = query.data;
  if (query.isError) {
    return (
      <Section title="Maintenance" testId="node-maintenance">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Maintenance is not available to you here: {query.error instanceof Error ? query.error.message : ''}
        </p>
      </Section>
    );
  }
  if (!view) {
    return (
      <Section title="Maintenance" testId="node-maintenance">
        <p className="text-sm text-slate-400">Loading…</p>
      </Section>
    );
  }
  const running = view.job?.state === 'running';
  const open = (action: NodeActionName) => {
    setForce(false);
    setDone(null);
    setDialog({ action, requestId: crypto.randomUUID(), seen: view });
  };
  const run = (reason: string) => {
    if (!dialog) return Promise.resolve({ ok: false as const, code: 'failed' as const, message: 'No dialog' });
    return postNodeAction(cluster, name, dialog.action, {
      requestId: dialog.requestId,
      resourceVersion: dialog.seen.resourceVersion,
      unschedulable: dialog.seen.unschedulable,
      ...(dialog.action === 'drain' ? { force } : {}),
      ...(reason ? { reason } : {}),
    });
  };
  const preview = dialog?.seen.preview ?? view.preview;
  const drainCommand = kubectlCommand({ kind: 'Node', name }, { action: 'drain' });

  return (
    <Section
      title="Maintenance"
      testId="node-maintenance"
      meta={view.unschedulable ? 'Cordoned: no new pods are scheduled here' : 'Schedulable'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="node-scheduling">
          <StatusBadge tone={view.unschedulable ? 'amber' : 'green'}>
            {view.unschedulable ? 'SchedulingDisabled' : 'Schedulable'}
          </StatusBadge>
        </span>
        {view.permissions.cordon ? (
          view.unschedulable ? (
            <button type="button" className={button} onClick={() => open('uncordon')}>
              Uncordon
            </button>
          ) : (
            <button type="button" className={button} onClick={() => open('cordon')}>
              Cordon
            </button>
          )
        ) : null}
        {view.permissions.drain ? (
          <button type="button" className={button} disabled={running} onClick={() => open('drain')}>
            Drain…
          </button>
        ) : null}
        {!view.permissions.cordon || !view.permissions.drain ? (
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="maintenance-not-allowed">
            {view.permissions.cordon
              ? 'Draining needs create on pods/eviction, which Kubernetes does not grant you.'
              : 'Cordon and drain need patch on nodes and create on pods/eviction, which Kubernetes does not grant you.'}
          </span>
        ) : null}
      </div>
      {done ? (
        <p role="status" data-testid="maintenance-result" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {done}
        </p>
      ) : null}
      {view.job ? <Progress cluster={cluster} node={name} job={view.job} onStopped={refresh} /> : null}

      {dialog && dialog.action !== 'drain' ? (
        <ConfirmDialog
          open
          onOpenChange={(o) => !o && setDialog(null)}
          title={`${dialog.action === 'cordon' ? 'Cordon' : 'Uncordon'} ${name}`}
          confirmLabel={dialog.action === 'cordon' ? 'Cordon' : 'Uncordon'}
          onConfirm={run}
          onDone={(r) => {
            setDone(r.message);
            refresh();
          }}
        >
          <p>
            {dialog.action === 'cordon'
              ? `No new pod will be scheduled on ${name}; the ${preview.evict.length + preview.left.length} pods on it keep running.`
              : `Pods may be scheduled on ${name} again.`}
          </p>
          <KubectlEquivalent target={{ kind: 'Node', name }} action={{ action: dialog.action }} />
        </ConfirmDialog>
      ) : null}
      {dialog?.action === 'drain' ? (
        <ConfirmDialog
          open
          danger
          onOpenChange={(o) => !o && setDialog(null)}
          title={`Drain ${name}`}
          confirmLabel="Drain"
          canConfirm={preview.bare.length === 0 || force}
          onConfirm={run}
          onDone={(r) => {
            setDone(r.message);
            refresh();
          }}
        >
          <p data-testid="drain-sentence" className="font-medium">
            {drainSentence(name, preview, force)}
          </p>
          {preview.blocked.length ? (
            <Warning testId="drain-blocked">
              Blocked now by {[...new Set(preview.blocked.map((p) => `${p.namespace}/${p.blockedBy}`))].join(', ')}:
              those evictions are retried with back-off until the budget allows them, as kubectl drain does.
            </Warning>
          ) : null}
          <PreviewDetails cluster={cluster} preview={preview} />
          {preview.bare.length ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              Evict the {preview.bare.length} pod{preview.bare.length === 1 ? '' : 's'} with no controller too
              (--force): they are gone for good.
            </label>
          ) : null}
          {force ? (
            <div className="text-xs" data-testid="kubectl-equivalent">
              <p className="text-slate-500 dark:text-slate-400">The same with kubectl:</p>
              <code className="mt-1 block rounded bg-slate-100 px-2 py-1 font-mono break-all select-all dark:bg-slate-800">
                {`${drainCommand} --force`}
              </code>
            </div>
          ) : (
            <KubectlEquivalent target={{ kind: 'Node', name }} action={{ action: 'drain' }} />
          )}
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
