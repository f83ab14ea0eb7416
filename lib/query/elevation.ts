import { queryOptions } from '@tanstack/react-query';

import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// Client side of /api/elevation. The CSRF header name matches server/security/request-guard.ts
// (lib may not import server code); a DELETE has no body, so it carries the header instead.

export interface ElevationState {
  mode: 'off' | 'required';
  maxMinutes: number;
  active: { reason: string; startedAt: string; expiresAt: string } | null;
}

const CSRF_HEADER = 'x-wheelhouse-request';

const url = (cluster: string) => `/api/elevation?cluster=${encodeURIComponent(cluster)}`;

export const elevationOptions = (cluster: string) =>
  queryOptions({
    queryKey: k8sKeys.elevation(cluster),
    queryFn: ({ signal }) => apiFetch<ElevationState>(url(cluster), { signal }),
    // Only this tab changes it, and expiry is computed locally from expiresAt.
    staleTime: 60_000,
  });

export function startElevation(cluster: string, reason: string, minutes: number): Promise<ElevationState> {
  return apiFetch<ElevationState>('/api/elevation', { method: 'POST', json: { cluster, reason, minutes } });
}

export function endElevation(cluster: string): Promise<ElevationState> {
  return apiFetch<ElevationState>(url(cluster), { method: 'DELETE', headers: { [CSRF_HEADER]: '1' } });
}
