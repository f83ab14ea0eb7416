import type { CellTone } from '@/lib/k8s/kinds/descriptor';

// Pieces shared by the workload kinds' summaries: conditions as plain data, and status tones.

export interface ConditionSummary {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

export function conditionsOf(status: unknown): ConditionSummary[] {
  const list = (status as { conditions?: ConditionSummary[] } | undefined)?.conditions ?? [];
  return list.map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason,
    message: c.message,
    lastTransitionTime: c.lastTransitionTime,
    lastUpdateTime: c.lastUpdateTime,
  }));
}

const TONES: Record<string, CellTone> = {
  Complete: 'green',
  Healthy: 'green',
  Running: 'green',
  Succeeded: 'green',
  Progressing: 'blue',
  Scaling: 'blue',
  Pending: 'blue',
  Active: 'blue',
  Degraded: 'amber',
  AtMax: 'amber',
  Suspended: 'slate',
  Stuck: 'red',
  Failed: 'red',
  Unable: 'red',
  Warning: 'amber',
  CrashLoopBackOff: 'red',
  Error: 'red',
};

/** Badge tone for a status word; unknown words are neutral. */
export function toneOf(word: string): CellTone {
  return TONES[word] ?? 'slate';
}
