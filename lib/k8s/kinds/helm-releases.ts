import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type CellTone,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { HelmReleaseObject, HelmRevision } from '@/lib/k8s/helm';
import type { KubeObject } from '@/lib/k8s/object';

// Helm 3 releases, decoded on the server from their Secrets (lib/k8s/helm.ts) and read as the person:
// only people who may list Secrets in a namespace see its releases (ADR 0019). Columns follow
// `helm list`: REVISION, UPDATED, STATUS, CHART, APP VERSION.

export interface HelmReleaseSummary extends BaseSummary {
  revision: number;
  status: string;
  /** "<chart>-<version>", as helm list prints CHART. */
  chart: string;
  appVersion: string;
  updated: string;
  description: string;
  revisions: number;
}

function releaseOf(obj: KubeObject): HelmRevision | undefined {
  return (obj as Partial<HelmReleaseObject>).release;
}

function historyOf(obj: KubeObject): HelmRevision[] {
  const h = (obj as Partial<HelmReleaseObject>).history;
  return Array.isArray(h) ? h : [];
}

export function chartLabel(r: Pick<HelmRevision, 'chart' | 'chartVersion'>): string {
  return r.chartVersion ? `${r.chart}-${r.chartVersion}` : r.chart;
}

/** Helm's statuses (pkg/release/status.go) as tones. */
export function helmStatusTone(status: string): CellTone {
  if (status === 'deployed') return 'green';
  if (status === 'failed') return 'red';
  if (status.startsWith('pending-') || status === 'uninstalling') return 'blue';
  if (status === 'superseded' || status === 'uninstalled') return 'slate';
  return 'amber';
}

export function helmReleaseSummary(obj: KubeObject): HelmReleaseSummary {
  const r = releaseOf(obj);
  return withBase(obj, {
    revision: r?.revision ?? 0,
    status: r?.status ?? 'unknown',
    chart: r ? chartLabel(r) : '',
    appVersion: r?.appVersion ?? '',
    updated: r?.updated ?? '',
    description: r?.description ?? '',
    revisions: historyOf(obj).length,
  });
}

function facts(obj: KubeObject, s: HelmReleaseSummary): Fact[] {
  const r = releaseOf(obj);
  return [
    { label: 'Status', value: s.status, tone: helmStatusTone(s.status), hint: s.description || undefined },
    { label: 'Revision', value: String(s.revision) },
    { label: 'Chart', value: r?.chart ?? '', mono: true },
    { label: 'Chart version', value: r?.chartVersion || '—', mono: true },
    { label: 'App version', value: s.appVersion || '—', mono: true },
    { label: 'Last deployed', value: s.updated || '—' },
    { label: 'First deployed', value: r?.firstDeployed || '—' },
    { label: 'Description', value: s.description || '—' },
    { label: 'Stored revisions', value: String(s.revisions), hint: 'Helm keeps --history-max revisions' },
  ];
}

export const helmReleasesKind: KindDescriptor<HelmReleaseSummary> = {
  id: 'helm-releases',
  title: 'Helm releases',
  titleSingular: 'Helm release',
  description: 'Helm 3 releases: chart, app version, status and revision history. Values never leave the server.',
  nav: { group: 'config', order: 30 },
  kind: 'HelmRelease',
  group: '',
  versions: ['v1'],
  plural: 'secrets',
  namespaced: true,
  indexes: [],
  // A release is its Secrets: whoever may list Secrets in the namespace may decode it with kubectl.
  accessResource: [{ group: '', resource: 'secrets' }],
  readAs: 'person',
  toSummary: helmReleaseSummary,
  searchText: (s) => `${defaultSearchText(s)} ${s.chart} ${s.status}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    updated: (a, b) => compareText(a.updated, b.updated) || byName(a, b),
    status: (a, b) => compareText(a.status, b.status) || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'revision', title: 'Revision', cell: 'number', value: (s) => s.revision },
    { id: 'updated', title: 'Updated', cell: 'age', value: (s) => s.updated, sort: 'updated' },
    {
      id: 'status',
      title: 'Status',
      cell: 'badge',
      value: (s) => s.status,
      tone: (s) => helmStatusTone(s.status),
      hint: (s) => s.description || undefined,
      sort: 'status',
    },
    { id: 'chart', title: 'Chart', cell: 'mono', value: (s) => s.chart },
    { id: 'app-version', title: 'App version', cell: 'mono', value: (s) => s.appVersion },
    ageColumn,
  ],
  detail: {
    facts: (obj, s) => facts(obj, s),
    tables: (obj) => [
      {
        id: 'history',
        title: 'Revision history',
        columns: ['Revision', 'Updated', 'Status', 'Chart', 'App version', 'Description'],
        rows: historyOf(obj).map((r) => [
          String(r.revision),
          r.updated,
          r.status,
          chartLabel(r),
          r.appVersion,
          r.description,
        ]),
        empty: 'No revisions stored.',
      },
    ],
    conditions: false,
    panel: true,
  },
};
