'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { kindById } from '@/lib/k8s/kinds';
import { k8sKeys } from '@/lib/query/keys';

/** How often a page re-reads a kind read as the person (the server caches such reads for 10 s). */
export const PERSON_REFRESH_MS = 15_000;

/**
 * Kinds read as the person (descriptor `readAs: 'person'`: Secrets, Helm releases) have no stream
 * feed (ADR 0019). While a page shows one, its lists and objects are read again every
 * PERSON_REFRESH_MS, only while the tab is visible. A no-op for every other kind.
 */
export function usePersonRefresh(cluster: string, kind: string): void {
  const queryClient = useQueryClient();
  const personRead = kindById(kind)?.readAs === 'person';
  useEffect(() => {
    if (!personRead) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void queryClient.invalidateQueries({ queryKey: k8sKeys.kind(cluster, kind) });
    }, PERSON_REFRESH_MS);
    return () => clearInterval(timer);
  }, [cluster, kind, personRead, queryClient]);
}
