import { kindById } from '@/lib/k8s/kinds';
import type { WorkloadAction } from '@/lib/k8s/kinds/descriptor';

/** Whether a workload kind offers an action (its descriptor's `workload.actions`). */
export function workloadOffers(id: string, action: WorkloadAction): boolean {
  return kindById(id)?.workload?.actions.includes(action) ?? false;
}
