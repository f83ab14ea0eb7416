import { queryOptions } from '@tanstack/react-query';

import type { AttentionSummary } from '@/lib/k8s/attention-summary';
import { derivedFrom } from '@/lib/query/derived';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys, type ListParams } from '@/lib/query/keys';

// The Overview's "needs attention": computed on the server from the shared cache (ADR 0023). It is
// a summary the stream cannot patch item by item, so the query names the kinds it is built from and
// the tab's stream refetches it, batched, when one of them changes (lib/query/derived.ts). TLS
// Secrets have no live feed (ADR 0013): a page load reads them.

/** The kinds the server's attention index follows. */
export const ATTENTION_LIVE_KINDS = ['deployments', 'statefulsets', 'daemonsets', 'pods', 'horizontalpodautoscalers'];

/** The Overview's Deployments card: a first page, not the cluster (the Workloads page has the rest). */
export const OVERVIEW_DEPLOYMENTS_PARAMS: ListParams = { limit: 25 };

export function attentionOptions(cluster: string) {
  return queryOptions({
    // Under the cluster prefix, named by no kind id (kind ids are plurals).
    queryKey: [...k8sKeys.cluster(cluster), 'attention'] as const,
    queryFn: ({ signal }) =>
      apiFetch<AttentionSummary>(`/api/k8s/${encodeURIComponent(cluster)}/attention`, { signal }),
    meta: derivedFrom(cluster, ATTENTION_LIVE_KINDS),
  });
}
