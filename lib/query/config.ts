import { queryOptions } from '@tanstack/react-query';

import type { ConfigReferencesResponse } from '@/lib/k8s/config-references';
import type { ReferencedKind } from '@/lib/k8s/pod-references';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// Who reads a ConfigMap or Secret (GET /api/k8s/<cluster>/references/<namespace>): under the kind's
// key, so the kind's resync refreshes it too.

export function configReferencesOptions(
  cluster: string,
  kindId: string,
  ref: { kind: ReferencedKind; namespace: string; name: string },
) {
  const qs = new URLSearchParams({ kind: ref.kind, name: ref.name });
  const path = [cluster, 'references', ref.namespace].map(encodeURIComponent).join('/');
  return queryOptions({
    queryKey: [...k8sKeys.kind(cluster, kindId), 'references', ref.namespace, ref.name] as const,
    queryFn: ({ signal }) => apiFetch<ConfigReferencesResponse>(`/api/k8s/${path}?${qs}`, { signal }),
  });
}
