import { queryOptions } from '@tanstack/react-query';

import type { AuditEntry } from '@/lib/audit/types';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// The Activity page's audit entries. The audit log is a database, not a Kubernetes watch, and with
// Postgres several replicas write to it: an in-process event would miss what another replica
// recorded. So the newest page polls, every few seconds while the tab is visible (react-query pauses
// intervals in background tabs) — the second exception to STYLE.md rule 12 after Prometheus charts.
// Older pages (a `before` cursor) are history and do not poll. ADR 0018.

/** The Activity filters as URL search parameters (server/audit/query.ts validates them). */
export type ActivityParams = Readonly<Record<string, string>>;

/** The JSON of GET /api/audit?cluster=<name>&…filters. */
export interface ActivityResponse {
  entries: AuditEntry[];
  /** Cursor of the next (older) page, or null at the end. */
  next: string | null;
  /** Namespaces offered in the filter: those in the log the person may read. */
  namespaces: string[];
}

export const ACTIVITY_POLL_MS = 5_000;

export function activityUrl(cluster: string, params: ActivityParams): string {
  return `/api/audit?${new URLSearchParams({ ...params, cluster }).toString()}`;
}

export function activityOptions(cluster: string, params: ActivityParams) {
  return queryOptions({
    queryKey: k8sKeys.auditPage(cluster, params),
    queryFn: ({ signal }) => apiFetch<ActivityResponse>(activityUrl(cluster, params), { signal }),
    refetchInterval: params.before ? false : ACTIVITY_POLL_MS,
    staleTime: ACTIVITY_POLL_MS,
  });
}
