'use client';

import { useLiveUpdates } from '@/components/live/use-live-updates';
import { useResourceList } from '@/components/resource/use-resource-list';
import { useLiveObject } from '@/components/resource/use-live-object';
import { kindById } from '@/lib/k8s/kinds';
import { disruptionPreview, type DisruptingAction, type WorkloadShape } from '@/lib/k8s/rollout/disruption';

// The dialog's disruption preview (issue 15, item 2): one sentence from the live lists the person
// may read — the workload's pods, the namespace's PodDisruptionBudgets, Services and Endpoints.

export function DisruptionPreview({
  cluster,
  kind,
  namespace,
  name,
  podSelector,
  action,
}: {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  /** The workload's pod selector, kubectl syntax; undefined while unknown. */
  podSelector?: string;
  action: DisruptingAction;
}) {
  useLiveUpdates([
    `${cluster}:pods:${namespace}`,
    `${cluster}:poddisruptionbudgets:${namespace}`,
    `${cluster}:endpoints:${namespace}`,
  ]);
  const scope = { namespaces: [namespace], limit: 500 };
  const workload = useLiveObject(cluster, kind, namespace, name);
  const pods = useResourceList(
    cluster,
    'pods',
    { ...scope, labelSelector: podSelector ?? '' },
    { enabled: !!podSelector },
  );
  const pdbs = useResourceList(cluster, 'poddisruptionbudgets', scope);
  const services = useResourceList(cluster, 'services', scope);
  const endpoints = useResourceList(cluster, 'endpoints', scope);
  if (!podSelector || !pods.data || !workload.summary) return null;
  const s = workload.summary as {
    desired?: number;
    strategy?: WorkloadShape['strategy'];
    strategyType?: string;
    maxUnavailable?: number | string;
  };
  const shape: WorkloadShape = {
    kind: kindById(kind)?.kind ?? kind,
    name,
    desired: s.desired ?? pods.data.items.length,
    strategy: s.strategy ?? { type: s.strategyType, maxUnavailable: s.maxUnavailable },
  };
  const readyEndpoints = new Map((endpoints.data?.items ?? []).map((e) => [e.name, e.ready]));
  const preview = disruptionPreview({
    action,
    workload: shape,
    pods: pods.data.items.map((p) => ({ name: p.name, namespace: p.namespace, labels: p.labels, ready: p.ready })),
    pdbs: (pdbs.data?.items ?? []).map((p) => ({
      name: p.name,
      namespace: p.namespace,
      selector: p.selector,
      allowed: p.allowed,
    })),
    services: (services.data?.items ?? []).map((svc) => ({
      name: svc.name,
      selector: svc.selector,
      readyEndpoints: readyEndpoints.get(svc.name),
    })),
  });
  return (
    <div
      role={preview.warn ? 'alert' : 'status'}
      data-testid="disruption-preview"
      data-warn={preview.warn ? 'true' : 'false'}
      className={
        preview.warn
          ? 'rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-200'
          : 'rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-300'
      }
    >
      {preview.sentence}
    </div>
  );
}
