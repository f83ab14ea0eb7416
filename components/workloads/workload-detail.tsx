'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import type { DaemonSetSummary } from '@/lib/k8s/kinds/daemonsets';
import type { DeploymentListItem } from '@/lib/k8s/kinds/deployments';
import type { EventSummary } from '@/lib/k8s/kinds/events';
import type { PodSummary } from '@/lib/k8s/kinds/pods';
import type { ReplicaSetSummary } from '@/lib/k8s/kinds/replicasets';
import type { StatefulSetSummary } from '@/lib/k8s/kinds/statefulsets';
import { conditionsOf } from '@/lib/k8s/kinds/workload-fields';
import { resourceListOptions } from '@/lib/query/options';
import { EventsCompact } from '@/components/events/events-compact';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { PodsCompact } from '@/components/pods/pods-compact';
import { ConditionsTable } from '@/components/resource/conditions-table';
import { KeyValues } from '@/components/resource/key-values';
import { Section } from '@/components/resource/section';
import { useLiveObject } from '@/components/resource/use-live-object';
import { useResourceList } from '@/components/resource/use-resource-list';
import { YamlView } from '@/components/resource/yaml-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { DeploymentRollout } from '@/components/workloads/rollout-progress';
import { RelatedObjects } from '@/components/workloads/related-objects';
import { DaemonSetRollout, StatefulSetRollout } from '@/components/workloads/set-progress';

const KIND_NAMES: Record<string, string> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
};

interface ObjectShape {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    selector?: LabelSelectorObject;
    template?: { metadata?: { labels?: Record<string, string> } };
    strategy?: unknown;
    updateStrategy?: unknown;
  };
  status?: unknown;
}

function podSelectorText(ls: LabelSelectorObject | undefined): string | null {
  try {
    return labelSelectorText(ls);
  } catch {
    return null; // an operator the API would have rejected: list nothing rather than everything
  }
}

export function WorkloadDetail({
  cluster,
  kind,
  namespace,
  name,
  actions,
}: {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  /** The actions engineer's panel (components/actions/workload-actions.tsx) mounts here. */
  actions?: ReactNode;
}) {
  useLiveUpdates([
    `${cluster}:${kind}:${namespace}:${name}`,
    `${cluster}:replicasets:${namespace}`,
    `${cluster}:pods:${namespace}`,
    `${cluster}:events:${namespace}`,
  ]);
  const { summary, object, error, isLoading } = useLiveObject<BaseSummary>(cluster, kind, namespace, name);
  const obj = object as ObjectShape | undefined;
  const podLabels = obj?.spec?.template?.metadata?.labels ?? {};
  // The one label-selector implementation (matchLabels AND matchExpressions); null selects no pods.
  const podSelector = obj ? podSelectorText(obj.spec?.selector) : null;
  const pods = useQuery({
    ...resourceListOptions<PodSummary>(cluster, 'pods', {
      namespaces: [namespace],
      labelSelector: podSelector ?? '',
      limit: 500,
    }),
    enabled: podSelector !== null,
  });
  const rs = useResourceList<ReplicaSetSummary>(cluster, 'replicasets', {
    namespaces: [namespace],
    q: name,
    limit: 200,
  });
  const events = useResourceList<EventSummary>(cluster, 'events', { namespaces: [namespace], q: name, limit: 200 });
  const related = (events.data?.items ?? []).filter(
    (e) => e.involved.name === name || e.involved.name.startsWith(`${name}-`),
  );

  if (error)
    return (
      <ErrorPanel
        title={`Cannot show ${KIND_NAMES[kind] ?? kind} ${namespace}/${name}`}
        error={{ kind: 'unknown', message: error.message }}
      />
    );
  if (isLoading || !summary || !obj) return <p className="text-sm text-slate-400">Loading…</p>;

  return (
    <div className="flex flex-col gap-4">
      <div data-slot="workload-actions">{actions}</div>
      <Section title="Rollout" testId="rollout-section">
        {kind === 'deployments' ? (
          <DeploymentRollout d={summary as DeploymentListItem} replicaSets={rs.data?.items ?? []} />
        ) : kind === 'statefulsets' ? (
          <StatefulSetRollout s={summary as StatefulSetSummary} />
        ) : kind === 'daemonsets' ? (
          <DaemonSetRollout s={summary as DaemonSetSummary} />
        ) : (
          <p className="text-sm text-slate-600">{(summary as { statusMessage?: string }).statusMessage ?? ''}</p>
        )}
      </Section>
      <Section title="Conditions">
        <ConditionsTable conditions={conditionsOf(obj.status)} />
      </Section>
      <Section title="Pods" meta={`${pods.data?.total ?? 0} matching ${podSelector || 'no selector'}`}>
        <PodsCompact cluster={cluster} pods={podSelector !== null ? (pods.data?.items ?? []) : []} />
      </Section>
      <Section title="Related">
        <RelatedObjects
          cluster={cluster}
          namespace={namespace}
          kind={KIND_NAMES[kind] ?? kind}
          name={name}
          podLabels={podLabels}
        />
      </Section>
      <Section title="Events">
        <EventsCompact events={related} />
      </Section>
      <Section title="Spec">
        <dl className="grid gap-3 text-sm md:grid-cols-2">
          <div>
            <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Selector</dt>
            <dd>
              <KeyValues values={obj.spec?.selector?.matchLabels} />
              {obj.spec?.selector?.matchExpressions?.length ? (
                <code className="mt-1 block text-xs text-slate-600">{podSelector}</code>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Strategy</dt>
            <dd className="font-mono text-xs text-slate-700">
              {JSON.stringify(obj.spec?.strategy ?? obj.spec?.updateStrategy ?? {})}
            </dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Labels</dt>
            <dd>
              <KeyValues values={obj.metadata.labels} />
            </dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Annotations</dt>
            <dd>
              <KeyValues values={obj.metadata.annotations} />
            </dd>
          </div>
        </dl>
      </Section>
      <Section title="YAML">
        <YamlView object={object} />
      </Section>
    </div>
  );
}
