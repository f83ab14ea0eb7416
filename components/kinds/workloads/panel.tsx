'use client';

import { useQuery } from '@tanstack/react-query';

import type { KindPanelProps } from '@/components/kinds/types';
import { WorkloadActions } from '@/components/actions/workload-actions';
import { WorkloadMetrics } from '@/components/charts/workload-metrics';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { PodsCompact } from '@/components/pods/pods-compact';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import { DeploymentRollout } from '@/components/workloads/rollout-progress';
import { RelatedObjects } from '@/components/workloads/related-objects';
import { DaemonSetRollout, StatefulSetRollout } from '@/components/workloads/set-progress';
import { kindById } from '@/lib/k8s/kinds';
import type { DaemonSetSummary } from '@/lib/k8s/kinds/daemonsets';
import type { DeploymentListItem } from '@/lib/k8s/kinds/deployments';
import type { ReplicaSetSummary } from '@/lib/k8s/kinds/replicasets';
import type { StatefulSetSummary } from '@/lib/k8s/kinds/statefulsets';
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import { isActionableKind } from '@/lib/k8s/rollout/actions';
import { resourceListOptions } from '@/lib/query/options';
import { workloadPodsParams, workloadReplicaSetsParams } from '@/lib/query/pages';

// The panel of every workload kind on the generic detail page, driven by the descriptor's
// `workload` traits: the actions it offers, how its rollout is shown, its pods (one label-selector
// implementation: matchLabels AND matchExpressions), the HPA/Services/Ingresses around it, and its
// rollout timeline when Prometheus knows its pods.

function podSelectorText(ls: LabelSelectorObject | undefined): string | null {
  try {
    return labelSelectorText(ls);
  } catch {
    return null; // an operator the API would have rejected: list nothing rather than everything
  }
}

function Rollout({
  rollout,
  summary,
  replicaSets,
}: {
  rollout: string;
  summary: unknown;
  replicaSets: ReplicaSetSummary[];
}) {
  if (rollout === 'replicasets')
    return <DeploymentRollout d={summary as DeploymentListItem} replicaSets={replicaSets} />;
  if (rollout === 'statefulset') return <StatefulSetRollout s={summary as StatefulSetSummary} />;
  if (rollout === 'daemonset') return <DaemonSetRollout s={summary as DaemonSetSummary} />;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      {(summary as { statusMessage?: string }).statusMessage ?? ''}
    </p>
  );
}

export function WorkloadPanel({ cluster, kind, namespace = '', name, object, summary }: KindPanelProps) {
  const descriptor = kindById(kind);
  const traits = descriptor?.workload;
  useLiveUpdates([`${cluster}:replicasets:${namespace}`, `${cluster}:pods:${namespace}`]);
  const spec = object.spec as
    { selector?: LabelSelectorObject; template?: { metadata?: { labels?: Record<string, string> } } } | undefined;
  const podSelector = podSelectorText(spec?.selector);
  const pods = useQuery({
    ...resourceListOptions(cluster, 'pods', workloadPodsParams(namespace, podSelector ?? '')),
    enabled: podSelector !== null,
  });
  const rs = useResourceList(cluster, 'replicasets', workloadReplicaSetsParams(namespace, name), {
    enabled: traits?.rollout === 'replicasets',
  });
  return (
    <>
      <div data-slot="workload-actions">
        {traits?.actions.length && isActionableKind(kind) ? (
          <WorkloadActions cluster={cluster} kind={kind} namespace={namespace} name={name} />
        ) : null}
      </div>
      <Section title="Rollout" testId="rollout-section">
        <Rollout rollout={traits?.rollout ?? 'status'} summary={summary} replicaSets={rs.data?.items ?? []} />
      </Section>
      <Section title="Pods" meta={`${pods.data?.total ?? 0} matching ${podSelector || 'no selector'}`}>
        <PodsCompact cluster={cluster} pods={podSelector !== null ? (pods.data?.items ?? []) : []} />
      </Section>
      <Section title="Related">
        <RelatedObjects
          cluster={cluster}
          namespace={namespace}
          kind={descriptor?.kind ?? kind}
          name={name}
          podLabels={spec?.template?.metadata?.labels ?? {}}
        />
      </Section>
      {traits?.metrics ? (
        <WorkloadMetrics cluster={cluster} kind={traits.metrics} namespace={namespace} name={name} />
      ) : null}
    </>
  );
}
