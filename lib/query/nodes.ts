import { queryOptions } from '@tanstack/react-query';

import type { NodeResources } from '@/lib/k8s/node-resources';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';
import { routes } from '@/lib/routes';

/**
 * A node's pods, requests, limits and usage: a join the server computes. Under the nodes kind's key,
 * so a `resync` of nodes refreshes it; the Node panel refetches it when the pods on the node change.
 */
export function nodeResourcesOptions(cluster: string, name: string) {
  return queryOptions({
    queryKey: [...k8sKeys.kind(cluster, 'nodes'), 'resources', name] as const,
    queryFn: ({ signal }) => apiFetch<NodeResources>(routes.nodeResourcesApi(cluster, name), { signal }),
  });
}
