import type { AttentionCategory, AttentionItem, NamespaceCount } from '@/lib/k8s/status/attention';

// GET /api/k8s/<cluster>/attention: the Overview's answer (ADR 0023). Its size is bounded whatever the
// cluster's: counts per category, the first `top` items of each, and the busiest namespaces.

export interface AttentionCategorySummary {
  /** Every item of this category the person may read. */
  count: number;
  /** The first `top` of them, most severe and newest first (compareAttention). */
  items: AttentionItem[];
}

export interface AttentionSummary {
  categories: Record<AttentionCategory, AttentionCategorySummary>;
  /** Items that are not merely informational (rollouts in progress are info). */
  needAttention: number;
  /** Whether any item shown is critical (a stuck rollout, a failing pod, an expired certificate). */
  critical: boolean;
  /** Deployments, StatefulSets and DaemonSets the person may read. */
  workloads: number;
  /** Namespaces with workloads or attention items, most attention first; at most `namespaceLimit`. */
  namespaces: NamespaceCount[];
  namespacesTotal: number;
  /** Kinds whose shared watch is failing: their part may be out of date. */
  stale: string[];
  /** Parts that could not be read, in words (e.g. TLS Secrets when the person may not list them). */
  problems: string[];
  computedAt: string;
}

/** Items per category when the request names none. */
export const ATTENTION_TOP_DEFAULT = 20;
export const ATTENTION_TOP_MAX = 100;
export const ATTENTION_NAMESPACE_LIMIT = 60;
