import { queryOptions, type QueryClient } from '@tanstack/react-query';

import { kindById } from '@/lib/k8s/kinds';
import { customKind, type CustomKindSpec, type CustomKindsResponse } from '@/lib/k8s/kinds/custom';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';
import { routes } from '@/lib/routes';

// The custom kinds a person may list in a cluster (GET /api/k8s/<cluster>/_kinds): the client builds
// descriptors from these specs (lib/k8s/kinds/custom.ts; ADR 0020). The server validated each spec
// with zod when it read the CRD (lib/k8s/kinds/custom-spec.ts); the browser does not load zod to
// check its own server's answer again (ADR 0018).

export function customKindsOptions(cluster: string) {
  return queryOptions({
    queryKey: k8sKeys.customKinds(cluster),
    queryFn: async ({ signal }): Promise<CustomKindSpec[]> =>
      (await apiFetch<CustomKindsResponse>(routes.customKindsApi(cluster), { signal })).kinds,
    // CRDs come and go rarely; the server rereads them every 30 s.
    staleTime: 60_000,
  });
}

/**
 * The descriptor of a kind id as this client knows it: the registry, else a custom kind whose spec
 * the cache holds (live changes are filtered and sorted with it, as the server would).
 */
export function knownKind(queryClient: QueryClient, cluster: string, id: string): KindDescriptor | undefined {
  const builtIn = kindById(id);
  if (builtIn) return builtIn;
  const spec = queryClient.getQueryData<CustomKindSpec[]>(k8sKeys.customKinds(cluster))?.find((k) => k.id === id);
  return spec ? customKind(spec) : undefined;
}
