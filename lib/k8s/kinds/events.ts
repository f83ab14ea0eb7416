import { byName, type BaseSummary, type KindDescriptor, withBase } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** kubectl get events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (+ count and source). */
export interface EventSummary extends BaseSummary {
  type: string;
  reason: string;
  message: string;
  involved: { kind: string; name: string; namespace?: string; uid?: string };
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  source: string;
}

type EventObject = KubeObject & {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string; host?: string };
  series?: { count?: number; lastObservedTime?: string };
  reportingComponent?: string;
};

/** Newest last-seen first. */
const byLastSeen = (a: EventSummary, b: EventSummary) =>
  (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || byName(a, b);

export const eventsKind: KindDescriptor<EventSummary> = {
  id: 'events',
  title: 'Events',
  kind: 'Event',
  group: '',
  versions: ['v1'],
  plural: 'events',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): EventSummary {
    const e = obj as EventObject;
    const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? obj.metadata.creationTimestamp;
    return withBase(obj, {
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      involved: {
        kind: e.involvedObject?.kind ?? '',
        name: e.involvedObject?.name ?? '',
        namespace: e.involvedObject?.namespace,
        uid: e.involvedObject?.uid,
      },
      count: e.series?.count ?? e.count ?? 1,
      firstSeen: e.firstTimestamp ?? e.eventTime ?? obj.metadata.creationTimestamp,
      lastSeen,
      source: e.reportingComponent || e.source?.component || '',
    });
  },
  // "kind/name" makes the `q` filter an object filter: q=deployment/payments.
  searchText: (s) =>
    `${s.namespace ?? ''}/${s.involved.kind}/${s.involved.name} ${s.type} ${s.reason} ${s.message}`.toLowerCase(),
  sorts: {
    // Warnings first, then newest: what needs attention on top.
    attention: (a, b) => Number(b.type === 'Warning') - Number(a.type === 'Warning') || byLastSeen(a, b),
    last: (a, b) => byLastSeen(b, a),
    name: byName,
  },
  defaultSort: 'attention',
  columns: [
    {
      id: 'type',
      title: 'Type',
      cell: 'badge',
      value: (s) => s.type,
      tone: (s) => (s.type === 'Warning' ? 'amber' : 'slate'),
    },
    { id: 'reason', title: 'Reason', cell: 'text', value: (s) => s.reason },
    {
      id: 'object',
      title: 'Object',
      cell: 'mono',
      value: (s) => `${s.involved.kind.toLowerCase()}/${s.involved.name}`,
    },
    { id: 'message', title: 'Message', cell: 'text', value: (s) => s.message },
    { id: 'count', title: 'Count', cell: 'number', value: (s) => s.count },
    { id: 'last-seen', title: 'Last seen', cell: 'age', value: (s) => s.lastSeen, sort: 'last' },
  ],
};
