import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';

import { customKindSpecSchema, type CustomKindSpec } from '@/lib/k8s/kinds/custom';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';
import { routes } from '@/lib/routes';

// The custom kinds a person may list in a cluster (GET /api/k8s/<cluster>/_kinds), validated at the
// boundary: the client builds descriptors from these specs (lib/k8s/kinds/custom.ts; ADR 0020).

const customKindsResponseSchema = z.object({ kinds: z.array(customKindSpecSchema) });

export function customKindsOptions(cluster: string) {
  return queryOptions({
    queryKey: k8sKeys.customKinds(cluster),
    queryFn: async ({ signal }): Promise<CustomKindSpec[]> =>
      customKindsResponseSchema.parse(await apiFetch<unknown>(routes.customKindsApi(cluster), { signal })).kinds,
    // CRDs come and go rarely; the server rereads them every 30 s.
    staleTime: 60_000,
  });
}
