import { queryOptions } from '@tanstack/react-query';

// Client side of /api/elevation. The CSRF header name matches server/security/request-guard.ts
// (components may not import server code); a DELETE has no body, so it carries the header instead.

export interface ElevationState {
  mode: 'off' | 'required';
  maxMinutes: number;
  active: { reason: string; startedAt: string; expiresAt: string } | null;
}

const CSRF_HEADER = 'x-wheelhouse-request';

export const elevationKey = (cluster: string) => ['elevation', cluster] as const;

async function read(res: Response): Promise<ElevationState> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error
        ? String((body.error as { message?: unknown }).message ?? res.statusText)
        : res.statusText;
    throw new Error(message);
  }
  return body as ElevationState;
}

export const elevationOptions = (cluster: string) =>
  queryOptions({
    queryKey: elevationKey(cluster),
    queryFn: async () => read(await fetch(`/api/elevation?cluster=${encodeURIComponent(cluster)}`)),
    // Only this tab changes it, and expiry is computed locally from expiresAt.
    staleTime: 60_000,
  });

export async function startElevation(cluster: string, reason: string, minutes: number): Promise<ElevationState> {
  return read(
    await fetch('/api/elevation', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cluster, reason, minutes }),
    }),
  );
}

export async function endElevation(cluster: string): Promise<ElevationState> {
  return read(
    await fetch(`/api/elevation?cluster=${encodeURIComponent(cluster)}`, {
      method: 'DELETE',
      headers: { [CSRF_HEADER]: '1' },
    }),
  );
}
