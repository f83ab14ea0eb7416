'use client';

import { kindById } from '@/lib/k8s/kinds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { ActionName, ActionResult, WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import { resourceListOptions } from '@/lib/query/options';
import { useLiveObject } from '@/components/resource/use-live-object';
import { useNow } from '@/components/resource/use-now';

import { actionsViewOptions, postAction } from '@/lib/query/actions';
import { rollbackRolledOut } from '@/lib/k8s/rollout/rollback';
import { ActionDialogs, type OpenDialog } from './action-dialogs';
import { RevisionHistory } from './revision-history';
import { WorkloadWhyNot } from './why-not';

// Actions on a workload (Deployment, StatefulSet, DaemonSet): buttons offered per
// SelfSubjectAccessReview, the revision history with diff and rollback, and the result inline.
// Fresh data comes from the tab's stream: when the live summary shows a new resourceVersion the panel
// reloads its view (no polling, no reload after an action).

export interface WorkloadActionsProps {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  /** The live resourceVersion, when the page already has it; otherwise read from the live list. */
  resourceVersion?: string;
}

type Snapshot = Pick<WorkloadActionsView, 'resourceVersion' | 'generation'> & { requestId: string };

export function WorkloadActions({ cluster, kind, namespace, name, resourceVersion }: WorkloadActionsProps) {
  const client = useQueryClient();
  const live = useLiveObject(cluster, kind, namespace, name);
  const liveVersion = resourceVersion ?? live.summary?.resourceVersion;
  const view = useQuery(actionsViewOptions(cluster, kind, namespace, name));
  const shownVersion = view.data?.resourceVersion;
  useEffect(() => {
    if (liveVersion && shownVersion && liveVersion !== shownVersion) {
      void client.invalidateQueries({ queryKey: actionsViewOptions(cluster, kind, namespace, name).queryKey });
    }
  }, [liveVersion, shownVersion, client, cluster, kind, namespace, name]);
  // Pods changing (a new pod crash-looping) do not touch the Deployment's resourceVersion; watch them
  // from the same live list the page shows and refresh the view, debounced.
  // Kinds that roll out through ReplicaSets: the panel watches the new pods to notice failures.
  const podSelector = kindById(kind)?.workload?.rollout === 'replicasets' ? view.data?.podSelector : undefined;
  const pods = useQuery({
    ...resourceListOptions(cluster, 'pods', { namespaces: [namespace], labelSelector: podSelector, limit: 500 }),
    enabled: Boolean(podSelector),
  });
  const podsFingerprint = pods.data?.items.map((p) => p.resourceVersion).join(',');
  useEffect(() => {
    if (!podsFingerprint) return;
    const t = setTimeout(
      () => void client.invalidateQueries({ queryKey: actionsViewOptions(cluster, kind, namespace, name).queryKey }),
      1000,
    );
    return () => clearTimeout(t);
  }, [podsFingerprint, client, cluster, kind, namespace, name]);
  const now = Date.parse(useNow(view.data?.history.flatMap((r) => [r.liveFrom, r.createdAt]) ?? []));
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [result, setResult] = useState<{ message: string; newRevision?: number; rolledOut?: boolean } | null>(null);
  // A rollback's banner names the revision it becomes, says when that revision has rolled out, and
  // goes a few seconds later: on a small Deployment the rollout can finish within a second, and a
  // banner that vanished as it appeared would leave the person unsure anything happened.
  const rolledOut =
    result?.newRevision !== undefined &&
    !result.rolledOut &&
    rollbackRolledOut(result.newRevision, view.data?.history[0]?.revision, view.data?.rolledOut);
  // Adjusting state while rendering (React's pattern for state derived from props): once rolled out,
  // it stays so, also when a later rollout makes the status Progressing again.
  if (rolledOut) setResult({ ...result, rolledOut: true });
  const bannerRolledOut = result?.rolledOut === true;
  useEffect(() => {
    if (!bannerRolledOut) return;
    const t = setTimeout(() => setResult(null), BANNER_AFTER_ROLLOUT_MS);
    return () => clearTimeout(t);
  }, [bannerRolledOut]);

  if (view.error)
    return (
      <p className="px-4 py-3 text-sm text-red-700 dark:text-red-300">Actions unavailable: {view.error.message}</p>
    );
  const v = view.data;
  if (!v) return <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">Loading actions…</p>;
  const p = v.permissions;

  const open = (d: OpenDialog) => {
    // What the person sees now is the precondition of the change (rule 6).
    setSnapshot({ resourceVersion: v.resourceVersion, generation: v.generation, requestId: crypto.randomUUID() });
    setResult(null);
    setDialog(d);
  };
  const run = (action: ActionName, extra: Record<string, unknown>, reason: string): Promise<ActionResult> => {
    if (!snapshot) return Promise.resolve({ ok: false, code: 'invalid', message: 'Open the dialog again' });
    return postAction({ cluster, kind, namespace, name }, action, {
      ...snapshot,
      ...extra,
      reason: reason || undefined,
    }).then((r) => {
      // A conflict: show the current state behind the dialog so the next try starts from it.
      if (!r.ok && r.code === 'conflict')
        void client.invalidateQueries({ queryKey: actionsViewOptions(cluster, kind, namespace, name).queryKey });
      return r;
    });
  };
  const done = (r: ActionResult & { ok: true }) => setResult({ message: r.message, newRevision: r.newRevision });
  // "Reload and review" after a conflict: read the workload again and make what is now shown (its new
  // resourceVersion and diff) the precondition, under a new request id (the old one's 409 is cached).
  const reload = async () => {
    const fresh = await client.fetchQuery({ ...actionsViewOptions(cluster, kind, namespace, name), staleTime: 0 });
    setSnapshot({
      resourceVersion: fresh.resourceVersion,
      generation: fresh.generation,
      requestId: crypto.randomUUID(),
    });
  };

  const button =
    'rounded px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60';
  return (
    <section
      id="workload-actions"
      className="scroll-mt-4 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm"
      data-testid="workload-actions"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 dark:border-slate-800 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Rollout history and actions</h2>
        <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Workload actions">
          {p.scale ? (
            <button type="button" className={button} onClick={() => open({ type: 'scale' })}>
              Scale…
            </button>
          ) : null}
          {p.restart && !v.paused ? (
            <button type="button" className={button} onClick={() => open({ type: 'restart' })}>
              Restart…
            </button>
          ) : null}
          {p.pause && !v.paused ? (
            <button type="button" className={button} onClick={() => open({ type: 'pause' })}>
              Pause rollout…
            </button>
          ) : null}
          {p.resume && v.paused ? (
            <button type="button" className={button} onClick={() => open({ type: 'resume' })}>
              Resume rollout…
            </button>
          ) : null}
          {p.abort && v.inTrouble ? (
            <button
              type="button"
              className={`${button} bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200 ring-red-300 dark:ring-red-800`}
              onClick={() => open({ type: 'abort' })}
            >
              Abort rollout…
            </button>
          ) : null}
          <WorkloadWhyNot cluster={cluster} view={v} />
        </div>
      </header>
      {v.inTrouble ? (
        <p
          className="border-b border-red-100 dark:border-red-900/60 bg-red-50 dark:bg-red-950/40 px-4 py-2 text-sm text-red-800 dark:text-red-200"
          data-testid="rollout-trouble"
        >
          This rollout is in trouble: its new pods are not becoming available.
          {v.abortTarget
            ? ` Abort returns to revision ${v.abortTarget.revision} (${v.abortTarget.explanation}) and pauses.`
            : ''}
        </p>
      ) : null}
      {v.paused ? (
        <p className="border-b border-slate-100 dark:border-slate-800 bg-slate-50 dark:bg-slate-800/40 px-4 py-2 text-sm text-slate-700 dark:text-slate-300">
          The rollout is paused.
        </p>
      ) : null}
      {result ? (
        <p
          role="status"
          data-testid="action-result"
          className="border-b border-emerald-100 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/40 px-4 py-2 text-sm text-emerald-900 dark:text-emerald-100"
        >
          {result.message}
          {result.newRevision === undefined
            ? ''
            : !result.rolledOut
              ? ` Revision ${result.newRevision} is rolling out…`
              : ` Revision ${result.newRevision} has rolled out.`}
        </p>
      ) : null}
      <RevisionHistory
        history={v.history}
        now={now}
        canRollBack={p.rollback}
        onRollBack={(revision) => open({ type: 'rollback', revision })}
      />
      <ActionDialogs
        cluster={cluster}
        view={v}
        dialog={dialog}
        onClose={() => setDialog(null)}
        onOpen={open}
        run={run}
        onDone={done}
        onReload={reload}
      />
    </section>
  );
}

/** How long a rollback's banner stays once its revision has rolled out. */
const BANNER_AFTER_ROLLOUT_MS = 5_000;
