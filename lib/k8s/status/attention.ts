// What the Overview puts first: a pure ranking of the signed-in person's objects (from the per-user
// lists) into attention items, plus counts per namespace. Each rule reuses the status derivations
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

function workload(
  kind: string,
  w: Named & { status: string; statusMessage: string },
  ready: number,
  desired: number,
): AttentionItem[] {
  const base = { kind, namespace: w.namespace, name: w.name };
  if (w.status === 'Stuck') return [{ ...base, severity: 'critical', title: 'Rollout stuck', detail: w.statusMessage }];
  if (w.status === 'Progressing') return [{ ...base, severity: 'info', title: 'Rolling out', detail: w.statusMessage }];
  if (desired > 0 && ready < desired) {
    return [{ ...base, severity: 'warning', title: 'Not fully available', detail: `${ready} of ${desired} available` }];
  }
  return [];
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

/** Days until `notAfter` (negative once expired), rounded down. */
export function daysLeft(notAfter: string, now: string): number {
  return Math.floor((Date.parse(notAfter) - Date.parse(now)) / DAY_MS);
}

export function attentionItems(input: AttentionInput): AttentionItem[] {
  const items: AttentionItem[] = [
    ...input.deployments.flatMap((d) => workload('deployments', d, d.available, d.desired)),
    ...input.statefulsets.flatMap((s) => workload('statefulsets', s, s.readyReplicas, s.desired)),
    ...input.daemonsets.flatMap((d) => workload('daemonsets', d, d.available, d.desired)),
  ];
  for (const p of input.pods) {
    if (!podNeedsAttention(p.status)) continue;
    items.push({
      severity: 'critical',
      kind: 'pods',
      namespace: p.namespace,
      name: p.name,
      title: podTitle(p.status),
      detail: p.restarts ? `${p.status}, ${p.restarts} restarts` : p.status,
    });
  }
  for (const h of input.hpas) {
    if (h.status === 'AtMax' || h.status === 'Unable') {
      const title = h.status === 'AtMax' ? 'Autoscaler at its maximum' : 'Autoscaler cannot scale';
      items.push({
        severity: 'warning',
        kind: 'horizontalpodautoscalers',
        namespace: h.namespace,
        name: h.name,
        title,
        detail: h.statusMessage,
      });
    }
  }
  for (const c of input.certificates) {
    if (!c.certificate) continue;
    const days = daysLeft(c.certificate.notAfter, input.now);
    if (days >= EXPIRY_WARNING_DAYS) continue;
    items.push({
      severity: days < 0 ? 'critical' : 'warning',
      kind: 'tls-secrets',
      namespace: c.namespace,
      name: c.name,
      title: days < 0 ? 'Certificate expired' : 'Certificate expiring',
      detail: days < 0 ? `expired ${-days} days ago` : `expires in ${days} days`,
    });
  }
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

export function countsByNamespace(workloads: Named[], items: AttentionItem[]): NamespaceCount[] {
  const map = new Map<string, NamespaceCount>();
  const row = (ns: string) => {
    let r = map.get(ns);
    if (!r) map.set(ns, (r = { namespace: ns, workloads: 0, attention: 0 }));
    return r;
  };
  for (const w of workloads) if (w.namespace) row(w.namespace).workloads++;
  for (const i of items) if (i.namespace && i.severity !== 'info') row(i.namespace).attention++;
  return [...map.values()].sort((a, b) => b.attention - a.attention || a.namespace.localeCompare(b.namespace));
}
