import {
  byName,
  compareText,
  type BaseSummary,
  type CellTone,
  type Column,
  type Comparator,
  type Fact,
} from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';

// Pieces shared by the workload kinds' summaries: conditions as plain data, status tones, and the
// status sort and badge column every kind with a derived status word uses.

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
  FailureTarget: 'red',
  SuccessCriteriaMet: 'blue',
};

/** Badge tone for a status word; unknown words are neutral. */
export function toneOf(word: string): CellTone {
  return TONES[word] ?? 'slate';
}

type WithStatus = BaseSummary & { status: string; statusMessage?: string };

/** By status word, then by name. */
export const byStatus: Comparator<WithStatus> = (a, b) => compareText(a.status, b.status) || byName(a, b);

/** The status badge column (sorted by `byStatus`, registered under the sort id 'status'). */
export function statusColumn<S extends WithStatus>(): Column<S> {
  return {
    id: 'status',
    title: 'Status',
    cell: 'badge',
    value: (s) => s.status,
    tone: (s) => toneOf(s.status),
    hint: (s) => s.statusMessage,
    sort: 'status',
  };
}

/**
 * The facts a workload's detail page shows about its spec: the pod selector (kubectl's syntax, both
 * matchLabels and matchExpressions) and the update strategy.
 */
export function workloadSpecFacts(obj: KubeObject): Fact[] {
  const spec = obj.spec as
    | {
        selector?: LabelSelectorObject;
        strategy?: { type?: string; rollingUpdate?: Record<string, unknown> };
        updateStrategy?: { type?: string; rollingUpdate?: Record<string, unknown> };
        schedule?: string;
        suspend?: boolean;
      }
    | undefined;
  const facts: Fact[] = [];
  if (spec?.selector) {
    let text: string;
    try {
      text = labelSelectorText(spec.selector) || '<everything>';
    } catch {
      text = 'invalid selector';
    }
    facts.push({ label: 'Selector', value: text, mono: true });
  }
  const strategy = spec?.strategy ?? spec?.updateStrategy;
  if (strategy) {
    const rolling = Object.entries(strategy.rollingUpdate ?? {})
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
    facts.push({ label: 'Strategy', value: `${strategy.type ?? 'RollingUpdate'}${rolling ? ` (${rolling})` : ''}` });
  }
  if (spec?.schedule) facts.push({ label: 'Schedule', value: spec.schedule, mono: true });
  return facts;
}
