'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { kindById } from '@/lib/k8s/kinds';
import { customKind, isCustomKindId } from '@/lib/k8s/kinds/custom';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { customKindsOptions } from '@/lib/query/custom-kinds';

/**
 * The descriptor for a kind id on the client: the built-in registry first; a custom resource's id
 * (`<plural>.<group>`) is looked up among the custom kinds the person may list (GET …/_kinds) and
 * its descriptor built from the spec with the same function the server uses (ADR 0020).
 */
export function useKind(cluster: string, id: string): { descriptor?: KindDescriptor; isLoading: boolean } {
  const builtIn = kindById(id);
  const custom = !builtIn && isCustomKindId(id);
  const kinds = useQuery({ ...customKindsOptions(cluster), enabled: custom });
  const spec = custom ? kinds.data?.find((k) => k.id === id) : undefined;
  const built = useMemo<KindDescriptor | undefined>(() => (spec ? customKind(spec) : undefined), [spec]);
  return { descriptor: builtIn ?? built, isLoading: custom && kinds.isLoading };
}
