'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { SummaryOf } from '@/lib/k8s/kinds';
import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { resourceObjectOptions } from '@/lib/query/options';
import { objectLiveParams } from '@/lib/query/pages';
import { useResourceList } from '@/components/resource/use-resource-list';

/**
 * One object, live: its summary comes from a list page the tab's stream patches (useLiveUpdates must
 * subscribe to `<cluster>:<kind>:<namespace>:<name>`), and the full object (YAML, spec) is fetched
 * again whenever that summary shows a newer resourceVersion.
 */
export function useLiveObject<K extends string, S extends BaseSummary = SummaryOf<K>>(
  cluster: string,
  kind: K,
  namespace: string,
  name: string,
) {
  const queryClient = useQueryClient();
  const list = useResourceList<K, S>(cluster, kind, objectLiveParams(namespace, name));
  const live = list.data?.items.find((s) => s.name === name && (s.namespace ?? '') === namespace);
  const object = useQuery(resourceObjectOptions<K, S>(cluster, kind, namespace, name));
  const seen = object.data?.summary.resourceVersion;
  useEffect(() => {
    if (live && seen && live.resourceVersion !== seen) {
      void queryClient.invalidateQueries({ queryKey: resourceObjectOptions(cluster, kind, namespace, name).queryKey });
    }
  }, [live, seen, cluster, kind, namespace, name, queryClient]);
  return {
    summary: live ?? object.data?.summary,
    object: object.data?.object,
    error: object.error,
    isLoading: object.isLoading,
  };
}
