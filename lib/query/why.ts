import { queryOptions } from '@tanstack/react-query';

import type { WhyAnswer, WhyQuery } from '@/lib/k8s/why';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';
import { routes } from '@/lib/routes';

// Client side of GET /api/k8s/<cluster>/why: asked when the person opens "Why can't I …?".

export function whyOptions(cluster: string, q: WhyQuery) {
  return queryOptions({
    queryKey: k8sKeys.why(cluster, { ...q }),
    queryFn: ({ signal }) => apiFetch<WhyAnswer>(routes.whyApi(cluster, q), { signal }),
    // RBAC changes rarely; a reopened explanation within a minute is the same answer.
    staleTime: 60_000,
  });
}
