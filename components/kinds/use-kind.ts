'use client';

import { kindById } from '@/lib/k8s/kinds';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';

/**
 * The descriptor for a kind id on the client: the built-in registry. Custom resources (ids
 * `<plural>.<group>`) resolve through discovery (lib/k8s/kinds/custom.ts) once that lands.
 */
export function useKind(_cluster: string, id: string): { descriptor?: KindDescriptor; isLoading: boolean } {
  return { descriptor: kindById(id), isLoading: false };
}
