import 'server-only';

import {
  ATTENTION_NAMESPACE_LIMIT,
  type AttentionCategorySummary,
  type AttentionSummary,
} from '@/lib/k8s/attention-summary';
import { daemonSetsKind } from '@/lib/k8s/kinds/daemonsets';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { statefulSetsKind } from '@/lib/k8s/kinds/statefulsets';
import { tlsSecretsKind, type TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import type { KubeObject } from '@/lib/k8s/object';
import {
  ATTENTION_CATEGORIES,
  certificateAttention,
  compareAttention,
  hpaAttention,
  podAttention,
  workloadAttention,
  type AttentionCategory,
  type AttentionItem,
  type NamespaceCount,
} from '@/lib/k8s/status/attention';
import { AttentionIndex, firstN, type KindTally } from '@/server/k8s/attention-index';
import type { ClusterCache } from '@/server/k8s/cache';
import { toKubeError } from '@/server/k8s/errors';
import { summaryOf } from '@/server/k8s/list-query';
import type { Reflector } from '@/server/k8s/reflector';
import { readableNamespaces, readyReflector } from '@/server/k8s/resources';
import { tlsSecretsForUser } from '@/server/k8s/tls-source';
import type { Impersonation } from '@/server/k8s/transport';

// The Overview's "needs attention", per person (ADR 0023). Workloads, pods and autoscalers come from
// an AttentionIndex per shared reflector, updated on each watch event; a request only decides which
// namespaces the person may list (the AccessCache, as the list API does) and adds up their tallies.
// TLS Secrets are read as the person (ADR 0013): the one part computed per request.

export interface Source<S extends BaseSummary = BaseSummary> {
  kind: KindDescriptor<S>;
  rule: (s: S) => AttentionItem | undefined;
  workload: boolean;
}

function source<S extends BaseSummary>(
  kind: KindDescriptor<S>,
  rule: (s: S) => AttentionItem | undefined,
  workload = false,
): Source {
  return { kind, rule, workload } as unknown as Source;
}

/** The kinds the index follows; the Overview refetches when the stream reports a change of one. */
export const ATTENTION_SOURCES: readonly Source[] = [
  source(deploymentsKind, (s) => workloadAttention('deployments', s, s.available, s.desired), true),
  source(statefulSetsKind, (s) => workloadAttention('statefulsets', s, s.readyReplicas, s.desired), true),
  source(daemonSetsKind, (s) => workloadAttention('daemonsets', s, s.available, s.desired), true),
  source(podsKind, podAttention),
  source(horizontalPodAutoscalersKind, hpaAttention),
];

// One index per reflector instance: a reaped reflector takes its index with it, and a restarted one
// gets a fresh index seeded from its store. On globalThis so dev-mode reloads do not add listeners.
const KEY = Symbol.for('wheelhouse.k8s.attention');
type Holder = typeof globalThis & { [KEY]?: WeakMap<Reflector, AttentionIndex> };

function indexes(): WeakMap<Reflector, AttentionIndex> {
  const g = globalThis as Holder;
  g[KEY] ??= new WeakMap();
  return g[KEY];
}

/** An empty index applying a source's rule to each object's summary (the list API's, memoized). */
export function newAttentionIndex(src: Source): AttentionIndex {
  return new AttentionIndex((o: KubeObject) => src.rule(summaryOf(src.kind, o)), src.workload);
}

/** The index of a reflector: seeded from its store, then kept current by its change events. */
export function attentionIndexFor(reflector: Reflector, src: Source): AttentionIndex {
  const known = indexes().get(reflector);
  if (known) return known;
  const index = newAttentionIndex(src);
  // Seeding and subscribing happen in one synchronous step: no event can fall between them.
  for (const o of reflector.store.values()) index.apply('ADDED', o);
  reflector.onChange((type, obj) => index.apply(type, obj));
  indexes().set(reflector, index);
  return index;
}

interface Part {
  counts: Record<AttentionCategory, number>;
  top: Partial<Record<AttentionCategory, AttentionItem[]>>;
  namespaces: KindTally['namespaces'];
  objects: number;
  workload: boolean;
  stale?: string;
}

async function indexedPart(cache: ClusterCache, who: Impersonation, src: Source, top: number): Promise<Part> {
  const reflector = await readyReflector(cache, src.kind);
  const index = attentionIndexFor(reflector, src);
  // Only namespaces the index holds are reviewed (each is one cached SubjectAccessReview).
  const readable = await readableNamespaces(cache, who, src.kind, index.namespaces());
  const tally = index.summary(readable);
  return {
    counts: tally.counts,
    top: index.top(readable, top),
    namespaces: tally.namespaces,
    objects: tally.objects,
    workload: src.workload,
    stale: reflector.state === 'ready' ? undefined : src.kind.id,
  };
}

async function certificatePart(cache: ClusterCache, who: Impersonation, top: number, now: string): Promise<Part> {
  const view = await tlsSecretsForUser(cache, who);
  const items: AttentionItem[] = [];
  const namespaces: KindTally['namespaces'] = new Map();
  for (const o of view.objects) {
    const item = certificateAttention(summaryOf<TlsSecretSummary>(tlsSecretsKind, o), now);
    if (!item) continue;
    items.push(item);
    const ns = item.namespace ?? '';
    const row = namespaces.get(ns) ?? { objects: 0, attention: 0 };
    row.attention++;
    namespaces.set(ns, row);
  }
  const counts = Object.fromEntries(ATTENTION_CATEGORIES.map((c) => [c, 0])) as Record<AttentionCategory, number>;
  counts.certificates = items.length;
  return { counts, top: { certificates: firstN(items, top) }, namespaces, objects: 0, workload: false };
}

export async function attentionForUser(
  cache: ClusterCache,
  who: Impersonation,
  options: { top: number; now?: number },
): Promise<AttentionSummary> {
  const now = new Date(options.now ?? Date.now()).toISOString();
  const problems: string[] = [];
  const parts = await Promise.all([
    ...ATTENTION_SOURCES.map((src) =>
      indexedPart(cache, who, src, options.top).catch((err: unknown) => {
        // Workloads failing to read is the board's error; the other parts say so and show the rest.
        if (src.workload) throw err;
        problems.push(`${src.kind.title}: ${toKubeError(err, { cluster: cache.name }).message}`);
        return undefined;
      }),
    ),
    certificatePart(cache, who, options.top, now).catch((err: unknown) => {
      problems.push(`${tlsSecretsKind.title}: ${toKubeError(err, { cluster: cache.name }).message}`);
      return undefined;
    }),
  ]);
  return combine(
    parts.filter((p): p is Part => p !== undefined),
    options.top,
    problems,
    now,
  );
}

/** Adds up the parts: counts, each category's first `top` across kinds, the busiest namespaces. */
export function combine(parts: Part[], top: number, problems: string[], now: string): AttentionSummary {
  const categories = Object.fromEntries(
    ATTENTION_CATEGORIES.map((c): [AttentionCategory, AttentionCategorySummary] => {
      const count = parts.reduce((n, p) => n + p.counts[c], 0);
      const items = parts
        .flatMap((p) => p.top[c] ?? [])
        .sort(compareAttention)
        .slice(0, top);
      return [c, { count, items }];
    }),
  ) as Record<AttentionCategory, AttentionCategorySummary>;
  const rows = new Map<string, NamespaceCount>();
  for (const p of parts) {
    for (const [namespace, t] of p.namespaces) {
      const row = rows.get(namespace) ?? { namespace, workloads: 0, attention: 0 };
      if (p.workload) row.workloads += t.objects;
      row.attention += t.attention;
      rows.set(namespace, row);
    }
  }
  const namespaces = [...rows.values()].filter((r) => r.workloads > 0 || r.attention > 0);
  const needAttention = ATTENTION_CATEGORIES.filter((c) => c !== 'rolling').reduce(
    (n, c) => n + categories[c].count,
    0,
  );
  const critical = ATTENTION_CATEGORIES.some((c) => categories[c].items.some((i) => i.severity === 'critical'));
  return {
    categories,
    needAttention,
    critical,
    workloads: parts.reduce((n, p) => n + (p.workload ? p.objects : 0), 0),
    namespaces: firstNamespaces(namespaces, ATTENTION_NAMESPACE_LIMIT),
    namespacesTotal: namespaces.length,
    stale: parts.flatMap((p) => (p.stale ? [p.stale] : [])),
    problems: problems.sort(),
    computedAt: now,
  };
}

function firstNamespaces(rows: NamespaceCount[], n: number): NamespaceCount[] {
  return rows.sort((a, b) => b.attention - a.attention || a.namespace.localeCompare(b.namespace)).slice(0, n);
}
