'use client';

import { KIND_EXTRA_PANELS, KIND_PANELS } from '@/components/kinds';
import { useKind } from '@/components/kinds/use-kind';
import { EventsCompact } from '@/components/events/events-compact';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ConditionsTable } from '@/components/resource/conditions-table';
import { DetailTableView, FactsGrid } from '@/components/resource/detail-parts';
import { KeyValues } from '@/components/resource/key-values';
import { RelatedList } from '@/components/resource/related-list';
import { Section } from '@/components/resource/section';
import { useLiveObject } from '@/components/resource/use-live-object';
import { useResourceList } from '@/components/resource/use-resource-list';
import { YamlView } from '@/components/resource/yaml-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { kindById } from '@/lib/k8s/kinds';
import type { RelatedSpec } from '@/lib/k8s/kinds/descriptor';
import { conditionsOf } from '@/lib/k8s/kinds/workload-fields';
import { objectEventsParams } from '@/lib/query/pages';

// The detail page of any kind, knowing none: the descriptor's facts and tables, its own panel
// (components/kinds/<id>/), conditions, related objects, events, labels and the YAML. Live: the
// tab's stream patches the object's summary, and the object is read again when it moves on.

export function streamKeyOf(cluster: string, kind: string, namespace: string | undefined, name: string): string {
  return `${cluster}:${kind}:${namespace ?? ''}:${name}`;
}

/** Related lists (a Service's pods and Endpoints) stay live: the kinds they read, where they read them. */
export function relatedStreams(cluster: string, related: readonly RelatedSpec[], namespace?: string): string[] {
  return related.map((r) =>
    r.allNamespaces || !namespace || kindById(r.kind)?.namespaced === false
      ? `${cluster}:${r.kind}`
      : `${cluster}:${r.kind}:${namespace}`,
  );
}

export function ResourceDetail({
  cluster,
  kind,
  namespace,
  name,
}: {
  cluster: string;
  kind: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}) {
  const { descriptor, isLoading: kindLoading } = useKind(cluster, kind);
  useLiveUpdates([
    streamKeyOf(cluster, kind, namespace, name),
    namespace ? `${cluster}:events:${namespace}` : `${cluster}:events`,
    ...relatedStreams(cluster, descriptor?.detail?.related ?? [], namespace),
  ]);
  const { summary, object, error, isLoading } = useLiveObject(cluster, kind, namespace ?? '', name);
  // Events of a cluster-scoped object (a Node) are recorded in some namespace (usually default).
  const events = useResourceList(cluster, 'events', objectEventsParams(namespace, name));
  const title = descriptor?.titleSingular ?? descriptor?.kind ?? kind;
  if (error)
    return (
      <ErrorPanel
        title={`Cannot show ${title} ${namespace ? `${namespace}/` : ''}${name}`}
        error={{ kind: 'unknown', message: error.message }}
      />
    );
  if ((!descriptor && kindLoading) || isLoading || !summary || !object)
    return <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>;
  // No descriptor: a custom resource the person may get but not list (so not in their kinds). The
  // object still shows, without kind-specific facts.
  const spec = descriptor?.detail ?? {};
  const facts = spec.facts?.(object, summary, { cluster }) ?? [];
  const tables = spec.tables?.(object, summary, { cluster }) ?? [];
  const conditions = spec.conditions === false ? [] : conditionsOf(object.status);
  const Panel = spec.panel && descriptor ? KIND_PANELS[descriptor.id] : undefined;
  const ownEvents = (events.data?.items ?? []).filter(
    (e) => e.involved.kind === (descriptor?.kind ?? object.kind) && e.involved.name === name,
  );
  return (
    <div className="flex flex-col gap-4" data-testid="resource-detail" data-kind={descriptor?.id ?? kind}>
      {facts.length ? (
        <Section title="Summary">
          <FactsGrid facts={facts} />
        </Section>
      ) : null}
      {Panel ? (
        <Panel cluster={cluster} kind={kind} namespace={namespace} name={name} object={object} summary={summary} />
      ) : null}
      {tables.map((t) => (
        <Section key={t.id} title={t.title} testId={`section-${t.id}`}>
          <DetailTableView table={t} />
        </Section>
      ))}
      {conditions.length ? (
        <Section title="Conditions">
          <ConditionsTable conditions={conditions} />
        </Section>
      ) : null}
      {(KIND_EXTRA_PANELS[kind] ?? []).map((Extra, i) => (
        <Extra
          key={i}
          cluster={cluster}
          kind={kind}
          namespace={namespace}
          name={name}
          object={object}
          summary={summary}
        />
      ))}
      {spec.related?.length ? (
        <Section title="Related" testId="related">
          <div className="flex flex-col gap-4">
            {spec.related.map((r) => (
              <RelatedList
                key={`${r.kind}:${r.title}`}
                cluster={cluster}
                spec={r}
                object={object}
                namespace={namespace}
              />
            ))}
          </div>
        </Section>
      ) : null}
      <Section title="Events" testId="events-section">
        <EventsCompact events={ownEvents} />
      </Section>
      <Section title="Labels and annotations">
        <div className="flex flex-col gap-2">
          <KeyValues values={object.metadata.labels} />
          <KeyValues values={object.metadata.annotations} empty="no annotations" />
        </div>
      </Section>
      <Section title="YAML">
        <YamlView object={object} />
      </Section>
    </div>
  );
}
