// What the Overview puts first: pure rules turning one object into an attention item (the server's
// incremental index applies them on each watch event: server/k8s/attention-index.ts) and a ranking. Each rule reuses the status derivations
// beside it (deployment-status, workload-status, pod-status, hpa-status).

import { podNeedsAttention } from '@/lib/k8s/status/pod-status';

/**
 * The pods list's `q` that finds every pod that needs attention (podNeedsAttention): the pods
 * descriptor adds this token to a bad pod's search text, so only those pods cross the wire.
 */
export const POD_NEEDS_ATTENTION_QUERY = 'status:needs-attention';

export type Severity = 'critical' | 'warning' | 'info';

export interface AttentionItem {
  severity: Severity;
  /** Kind id (lib/k8s/kinds), for links. */
  kind: string;
  namespace?: string;
  name: string;
  title: string;
  detail: string;
  /** The object's creation time (newest first within a severity). */
  createdAt?: string;
}

interface Named {
  namespace?: string;
  name: string;
}

export interface AttentionInput {
  deployments: (Named & { status: string; statusMessage: string; desired: number; available: number })[];
  statefulsets: (Named & { status: string; statusMessage: string; desired: number; readyReplicas: number })[];
  daemonsets: (Named & { status: string; statusMessage: string; desired: number; available: number })[];
  pods: (Named & { status: string; restarts: number })[];
  hpas: (Named & { status: string; statusMessage: string })[];
  certificates: (Named & { certificate?: { notAfter: string } })[];
  /** ISO time the answer is relative to. */
  now: string;
}

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The Overview's categories. The server answers counts and the first items of each (ADR 0023);
 * `attentionItems` below is the same rules over whole lists (unit tests, small callers).
 */
export const ATTENTION_CATEGORIES = ['stuck', 'pods', 'unavailable', 'autoscalers', 'certificates', 'rolling'] as const;
export type AttentionCategory = (typeof ATTENTION_CATEGORIES)[number];

/** Which category an item counts under (its title decides: one rule per title). */
export function categoryOf(i: Pick<AttentionItem, 'kind' | 'title'>): AttentionCategory {
  if (i.kind === 'pods') return 'pods';
  if (i.kind === 'horizontalpodautoscalers') return 'autoscalers';
  if (i.kind === 'tls-secrets') return 'certificates';
  if (i.title === 'Rollout stuck') return 'stuck';
  if (i.title === 'Rolling out') return 'rolling';
  return 'unavailable';
}

type WorkloadInput = Named & { status: string; statusMessage: string; createdAt?: string };

/** A Deployment, StatefulSet or DaemonSet's item: stuck rollout, rollout in progress, or short of replicas. */
export function workloadAttention(
  kind: string,
  w: WorkloadInput,
  ready: number,
  desired: number,
): AttentionItem | undefined {
  const base = { kind, namespace: w.namespace, name: w.name, createdAt: w.createdAt };
  if (w.status === 'Stuck') return { ...base, severity: 'critical', title: 'Rollout stuck', detail: w.statusMessage };
  if (w.status === 'Progressing') return { ...base, severity: 'info', title: 'Rolling out', detail: w.statusMessage };
  if (desired > 0 && ready < desired) {
    return { ...base, severity: 'warning', title: 'Not fully available', detail: `${ready} of ${desired} available` };
  }
  return undefined;
}

function podTitle(status: string): string {
  const word = status.replace(/^Init:/, '');
  if (word === 'CrashLoopBackOff') return status === word ? 'Crash-looping' : 'Init container crash-looping';
  if (word === 'ImagePullBackOff' || word === 'ErrImagePull' || word === 'InvalidImageName')
    return 'Image cannot be pulled';
  if (word === 'OOMKilled') return 'Out of memory';
  if (word.startsWith('CreateContainer')) return 'Container cannot be created';
  return status.startsWith('Init:') ? 'Init container failing' : 'Pod failing';
}

/** A pod's item when its status is classified as needing a person (podNeedsAttention). */
export function podAttention(
  p: Named & { status: string; restarts: number; createdAt?: string },
): AttentionItem | undefined {
  if (!podNeedsAttention(p.status)) return undefined;
  return {
    severity: 'critical',
    kind: 'pods',
    namespace: p.namespace,
    name: p.name,
    createdAt: p.createdAt,
    title: podTitle(p.status),
    detail: p.restarts ? `${p.status}, ${p.restarts} restarts` : p.status,
  };
}

/** An autoscaler's item when it is at its maximum or cannot scale. */
export function hpaAttention(
  h: Named & { status: string; statusMessage: string; createdAt?: string },
): AttentionItem | undefined {
  if (h.status !== 'AtMax' && h.status !== 'Unable') return undefined;
  return {
    severity: 'warning',
    kind: 'horizontalpodautoscalers',
    namespace: h.namespace,
    name: h.name,
    createdAt: h.createdAt,
    title: h.status === 'AtMax' ? 'Autoscaler at its maximum' : 'Autoscaler cannot scale',
    detail: h.statusMessage,
  };
}

/** A TLS Secret's item when its certificate expires within EXPIRY_WARNING_DAYS or has expired. */
export function certificateAttention(
  c: Named & { certificate?: { notAfter: string }; createdAt?: string },
  now: string,
): AttentionItem | undefined {
  if (!c.certificate) return undefined;
  const days = daysLeft(c.certificate.notAfter, now);
  if (days >= EXPIRY_WARNING_DAYS) return undefined;
  return {
    severity: days < 0 ? 'critical' : 'warning',
    kind: 'tls-secrets',
    namespace: c.namespace,
    name: c.name,
    createdAt: c.createdAt,
    title: days < 0 ? 'Certificate expired' : 'Certificate expiring',
    detail: days < 0 ? `expired ${-days} days ago` : `expires in ${days} days`,
  };
}

/** Days until `notAfter` (negative once expired), rounded down. */
export function daysLeft(notAfter: string, now: string): number {
  return Math.floor((Date.parse(notAfter) - Date.parse(now)) / DAY_MS);
}

/** Most severe first, then the newest object, then by namespace and name (the server's top-N order). */
export function compareAttention(a: AttentionItem, b: AttentionItem): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    (b.createdAt ?? '').localeCompare(a.createdAt ?? '') ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    a.name.localeCompare(b.name)
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export function attentionItems(input: AttentionInput): AttentionItem[] {
  const items: AttentionItem[] = [
    ...input.deployments.map((d) => workloadAttention('deployments', d, d.available, d.desired)),
    ...input.statefulsets.map((s) => workloadAttention('statefulsets', s, s.readyReplicas, s.desired)),
    ...input.daemonsets.map((d) => workloadAttention('daemonsets', d, d.available, d.desired)),
    ...input.pods.map(podAttention),
    ...input.hpas.map(hpaAttention),
    ...input.certificates.map((c) => certificateAttention(c, input.now)),
  ].filter(defined);
  return items.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.name.localeCompare(b.name),
  );
}

export interface NamespaceCount {
  namespace: string;
  workloads: number;
  attention: number;
}
