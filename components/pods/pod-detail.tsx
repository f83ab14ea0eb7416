'use client';

import Link from 'next/link';

import type { EventSummary } from '@/lib/k8s/kinds/events';
import type { PodSummary } from '@/lib/k8s/kinds/pods';
import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import { EventsCompact } from '@/components/events/events-compact';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { LogViewer } from '@/components/pods/log-viewer';
import { ConditionsTable } from '@/components/resource/conditions-table';
import { KeyValues } from '@/components/resource/key-values';
import { VisibleText } from '@/components/ui/visible-text';
import { Section } from '@/components/resource/section';
import { useLiveObject } from '@/components/resource/use-live-object';
import { useResourceList } from '@/components/resource/use-resource-list';
import { YamlView } from '@/components/resource/yaml-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { routes } from '@/lib/routes';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: Record<string, { reason?: string; exitCode?: number; startedAt?: string } | undefined>;
  lastState?: Record<string, { reason?: string; exitCode?: number; finishedAt?: string } | undefined>;
}

interface PodShape {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string; image?: string }[] };
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: ContainerStatus[];
  };
}

function stateText(s: ContainerStatus['state']): string {
  const [k, v] = Object.entries(s ?? {}).find(([, x]) => x) ?? [];
  if (!k) return 'unknown';
  return [k, v?.reason, v?.exitCode !== undefined ? `exit ${v.exitCode}` : ''].filter(Boolean).join(' · ');
}

export function PodDetail({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  useLiveUpdates([`${cluster}:pods:${namespace}:${name}`, `${cluster}:events:${namespace}`]);
  const { summary, object, error, isLoading } = useLiveObject<PodSummary>(cluster, 'pods', namespace, name);
  const events = useResourceList<EventSummary>(cluster, 'events', { namespaces: [namespace], q: name, limit: 200 });
  if (error)
    return (
      <ErrorPanel title={`Cannot show pod ${namespace}/${name}`} error={{ kind: 'unknown', message: error.message }} />
    );
  const pod = object as PodShape | undefined;
  if (isLoading || !summary || !pod) return <p className="text-sm text-slate-400">Loading…</p>;
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  return (
    <div className="flex flex-col gap-4">
      <Section title="Summary">
        <dl className="grid gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <div>
            <dt className="text-xs text-slate-500">Status</dt>
            <dd>
              <StatusBadge tone={toneOf(summary.status)}>{summary.status}</StatusBadge>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Ready</dt>
            <dd className="tabular-nums">{summary.readyText}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Restarts</dt>
            <dd className="tabular-nums">{summary.restarts}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Node</dt>
            <dd>{summary.node ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">IP</dt>
            <dd className="font-mono text-xs">{summary.podIP ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Owner</dt>
            <dd className="font-mono text-xs">
              {summary.owner ? (
                summary.owner.kind === 'ReplicaSet' ? (
                  <Link
                    href={routes.object(cluster, 'replicasets', namespace, summary.owner.name)}
                    prefetch={false}
                    className="text-sky-700 hover:underline"
                  >
                    {summary.owner.kind}/{summary.owner.name}
                  </Link>
                ) : (
                  `${summary.owner.kind}/${summary.owner.name}`
                )
              ) : (
                '—'
              )}
            </dd>
          </div>
        </dl>
      </Section>
      <Section title="Containers">
        <ul className="divide-y divide-slate-100 text-sm" data-testid="containers">
          {statuses.map((c) => (
            <li key={c.name} className="flex flex-wrap items-center gap-3 py-1.5">
              <span className="font-medium">{c.name}</span>
              <span className="font-mono text-xs text-slate-500" data-testid="container-image">
                <VisibleText text={c.image ?? ''} />
              </span>
              <span className="text-slate-700">{stateText(c.state)}</span>
              <span className={c.restartCount ? 'text-amber-700' : 'text-slate-500'}>
                {c.restartCount ?? 0} restarts
              </span>
              {c.lastState && Object.keys(c.lastState).length ? (
                <span className="text-xs text-slate-500">last: {stateText(c.lastState)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Logs" testId="logs-section">
        <LogViewer
          cluster={cluster}
          namespace={namespace}
          pod={name}
          containers={containers}
          restarted={statuses.filter((c) => (c.restartCount ?? 0) > 0).map((c) => c.name)}
        />
      </Section>
      <Section title="Conditions">
        <ConditionsTable conditions={pod.status?.conditions ?? []} />
      </Section>
      <Section title="Events">
        <EventsCompact events={(events.data?.items ?? []).filter((e) => e.involved.name === name)} />
      </Section>
      <Section title="Labels and annotations">
        <div className="flex flex-col gap-2">
          <KeyValues values={pod.metadata.labels} />
          <KeyValues values={pod.metadata.annotations} empty="no annotations" />
        </div>
      </Section>
      <Section title="YAML">
        <YamlView object={object} />
      </Section>
    </div>
  );
}
