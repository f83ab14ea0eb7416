// HorizontalPodAutoscaler health for lists and the Overview: at its maximum (it wants more than it
// may have), at its minimum, or limited. Mirrors the HPA controller's ScalingLimited condition
// (reasons TooManyReplicas / TooFewReplicas / ScaleUpLimit / ScaleDownLimit) in
// https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/controller/podautoscaler/horizontal.go
// and the columns of kubectl's printHorizontalPodAutoscaler (REFERENCE, MINPODS, MAXPODS, REPLICAS).

export type HpaStatusWord = 'AtMax' | 'AtMin' | 'Scaling' | 'Healthy' | 'Unable';

export interface HpaLike {
  spec?: {
    minReplicas?: number;
    maxReplicas?: number;
    scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string };
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface HpaStatus {
  word: HpaStatusWord;
  min: number;
  max: number;
  current: number;
  desired: number;
  message: string;
}

export function hpaStatus(hpa: HpaLike): HpaStatus {
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas ?? 0;
  const current = hpa.status?.currentReplicas ?? 0;
  const desired = hpa.status?.desiredReplicas ?? current;
  const cond = (type: string) => hpa.status?.conditions?.find((c) => c.type === type);
  const base = { min, max, current, desired };
  const able = cond('AbleToScale');
  const active = cond('ScalingActive');
  if (able?.status === 'False' || active?.status === 'False') {
    const c = able?.status === 'False' ? able : active;
    return { ...base, word: 'Unable', message: [c?.reason, c?.message].filter(Boolean).join(': ') };
  }
  const limited = cond('ScalingLimited');
  if ((limited?.status === 'True' && limited.reason === 'TooManyReplicas') || (max > 0 && desired >= max)) {
    return { ...base, word: 'AtMax', message: limited?.message ?? `at its maximum of ${max} replicas` };
  }
  if (desired !== current) {
    return { ...base, word: 'Scaling', message: `scaling from ${current} to ${desired} replicas` };
  }
  if (desired <= min) return { ...base, word: 'AtMin', message: `at its minimum of ${min} replicas` };
  return { ...base, word: 'Healthy', message: `${current} replicas, between ${min} and ${max}` };
}

// ── Detail: conditions in words, metrics current vs target, behaviour ─────────────────────────────
// Reasons are those the v1.20 controller sets (horizontal.go, setCondition calls); defaults of the
// behaviour are the API's (pkg/apis/autoscaling/v2beta2/defaults.go).

export interface HpaConditionView {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  /** What it means for the person looking at it. */
  explanation: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
}

type Cond = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

const REASONS: Record<string, { text: string; tone: HpaConditionView['tone'] }> = {
  ReadyForNewScale: { text: 'Free to scale: nothing is holding it back.', tone: 'good' },
  SucceededRescale: { text: 'It just changed the target’s replica count.', tone: 'good' },
  ScaleDownStabilized: {
    text: 'Holding off a scale-down: recent recommendations were higher, and the scale-down stabilization window keeps the highest of them.',
    tone: 'neutral',
  },
  ScaleUpStabilized: {
    text: 'Holding off a scale-up: recent recommendations were lower, and the scale-up stabilization window keeps the lowest of them.',
    tone: 'neutral',
  },
  FailedGetScale: {
    text: 'Cannot read the target’s scale subresource: does the target exist, and may the controller read it?',
    tone: 'bad',
  },
  FailedUpdateScale: { text: 'Cannot change the target’s replica count (the update was rejected).', tone: 'bad' },
  ValidMetricFound: { text: 'Metrics are arriving and it computes a replica count from them.', tone: 'good' },
  FailedGetResourceMetric: {
    text: 'Cannot read the resource metric: is metrics.k8s.io (metrics-server) serving, and do the pods set resource requests?',
    tone: 'bad',
  },
  FailedGetContainerResourceMetric: {
    text: 'Cannot read the container resource metric from metrics.k8s.io.',
    tone: 'bad',
  },
  FailedGetPodsMetric: { text: 'Cannot read the per-pod custom metric (custom.metrics.k8s.io).', tone: 'bad' },
  FailedGetObjectMetric: { text: 'Cannot read the object metric (custom.metrics.k8s.io).', tone: 'bad' },
  FailedGetExternalMetric: { text: 'Cannot read the external metric (external.metrics.k8s.io).', tone: 'bad' },
  InvalidSelector: {
    text: 'The target’s pod selector is missing or invalid, so it cannot find the pods.',
    tone: 'bad',
  },
  InvalidMetricSourceType: { text: 'A metric has a type this controller does not know.', tone: 'bad' },
  ScalingDisabled: { text: 'Autoscaling is off because the target is scaled to 0 replicas.', tone: 'warn' },
  DesiredWithinRange: { text: 'The replica count it wants is within its minimum and maximum.', tone: 'good' },
  ScaleUpLimit: {
    text: 'It wants more replicas, faster than the scale-up policy allows: it adds them step by step.',
    tone: 'warn',
  },
  ScaleDownLimit: {
    text: 'It wants fewer replicas, faster than the scale-down policy allows: it removes them step by step.',
    tone: 'warn',
  },
};

export function explainHpaCondition(c: Cond, bounds: { min: number; max: number }): HpaConditionView {
  const base = { ...c };
  if (c.reason === 'TooManyReplicas') {
    return {
      ...base,
      tone: 'warn',
      explanation: `The load calls for more replicas than its maximum of ${bounds.max}: it is capped there. Raise the maximum if the load is real.`,
    };
  }
  if (c.reason === 'TooFewReplicas') {
    return {
      ...base,
      tone: 'neutral',
      explanation: `It would run fewer, but its minimum of ${bounds.min} holds it there.`,
    };
  }
  const known = c.reason ? REASONS[c.reason] : undefined;
  if (known) return { ...base, tone: known.tone, explanation: known.text };
  const fallback: Record<string, string> = {
    AbleToScale: c.status === 'True' ? 'It can scale the target.' : 'It cannot scale the target right now.',
    ScalingActive:
      c.status === 'True' ? 'It is computing replica counts from metrics.' : 'It is not computing replica counts.',
    ScalingLimited:
      c.status === 'True' ? 'Its minimum or maximum limits the replica count.' : 'Nothing limits the replica count.',
  };
  const bad = c.status === 'False' && c.type !== 'ScalingLimited';
  return { ...base, tone: bad ? 'bad' : 'neutral', explanation: fallback[c.type] ?? c.message ?? '' };
}

export interface HpaMetricView {
  /** e.g. "cpu", "memory", a custom metric's name */
  name: string;
  type: string;
  target: string;
  current: string;
  /** Numeric target and current for percentages (charts draw the target line). */
  targetPercent?: number;
  currentPercent?: number;
  /** The metrics template that charts this metric over time, when there is one. */
  chart?: 'cpu-utilization' | 'memory-utilization';
}

interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
interface MetricCurrent {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}
type Source = {
  name?: string;
  container?: string;
  metric?: { name?: string; selector?: unknown };
  describedObject?: { kind?: string; name?: string; apiVersion?: string };
  target?: MetricTarget;
  current?: MetricCurrent;
};
type MetricEntry = { type: string } & Partial<
  Record<'resource' | 'containerResource' | 'pods' | 'object' | 'external', Source>
>;

const SOURCE_KEY: Record<string, keyof Omit<MetricEntry, 'type'>> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
};

function sourceOf(m: MetricEntry): Source | undefined {
  const key = SOURCE_KEY[m.type];
  return key ? m[key] : undefined;
}

const nameOf = (s: Source | undefined) => s?.name ?? s?.metric?.name ?? '';

/** JSON with sorted keys, so two equal selectors compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** What identifies a metric: its type, name, container, selector and described object. */
function identity(m: MetricEntry): string {
  const s = sourceOf(m);
  const obj = s?.describedObject;
  return canonical([
    m.type,
    nameOf(s),
    s?.container ?? '',
    s?.metric?.selector ?? null,
    obj ? [obj.kind, obj.name] : null,
  ]);
}

function describeTarget(t: MetricTarget | undefined): string {
  if (t?.averageUtilization !== undefined) return `${t.averageUtilization}% of requests`;
  if (t?.averageValue !== undefined) return `${t.averageValue} per pod`;
  if (t?.value !== undefined) return t.value;
  return '—';
}

function describeCurrent(c: MetricCurrent | undefined): string {
  if (c?.averageUtilization !== undefined) return `${c.averageUtilization}%`;
  return c?.averageValue ?? c?.value ?? '<unknown>';
}

/**
 * Each spec metric with its current value, matched by type, name, container, selector and described
 * object (not by position: two External metrics may share a name and differ in selector).
 */
export function hpaMetrics(hpa: {
  spec?: { metrics?: unknown };
  status?: { currentMetrics?: unknown };
}): HpaMetricView[] {
  const specs = (Array.isArray(hpa.spec?.metrics) ? hpa.spec.metrics : []) as MetricEntry[];
  const currents = (Array.isArray(hpa.status?.currentMetrics) ? hpa.status.currentMetrics : []) as MetricEntry[];
  return specs.map((m) => {
    const src = sourceOf(m);
    const name = nameOf(src);
    const id = identity(m);
    const cur = currents.find((c) => identity(c) === id);
    const current = sourceOf(cur ?? { type: '' })?.current;
    const chart =
      m.type === 'Resource' && src?.target?.averageUtilization !== undefined && (name === 'cpu' || name === 'memory')
        ? (`${name}-utilization` as const)
        : undefined;
    return {
      name,
      type: m.type,
      target: describeTarget(src?.target),
      current: describeCurrent(current),
      targetPercent: src?.target?.averageUtilization,
      currentPercent: current?.averageUtilization,
      chart,
    };
  });
}

export interface HpaBehaviorView {
  scaleUp: string;
  scaleDown: string;
}

interface Policy {
  type?: string;
  value?: number;
  periodSeconds?: number;
}
interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: Policy[];
}

const DEFAULT_UP: Rules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN: Rules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

function describeRules(direction: 'up' | 'down', given: Rules | undefined): string {
  const defaults = direction === 'up' ? DEFAULT_UP : DEFAULT_DOWN;
  const r = { ...defaults, ...given };
  const verb = direction === 'up' ? 'add' : 'remove';
  if (r.selectPolicy === 'Disabled') return `Never scales ${direction}.`;
  const parts = (r.policies ?? []).map(
    (p) =>
      `${p.type === 'Percent' ? `${p.value}% of the current replicas` : `${p.value} pod${p.value === 1 ? '' : 's'}`} per ${p.periodSeconds} s`,
  );
  const pick =
    (r.policies?.length ?? 0) > 1 ? (r.selectPolicy === 'Min' ? ' (whichever is less)' : ' (whichever is more)') : '';
  const window = r.stabilizationWindowSeconds
    ? `; acts on the ${direction === 'up' ? 'lowest' : 'highest'} recommendation of the last ${r.stabilizationWindowSeconds} s`
    : '; no stabilization window';
  const source = given ? '' : ' (Kubernetes defaults)';
  return `May ${verb} up to ${parts.join(' or ') || 'any number of pods'}${pick}${window}${source}.`;
}

export function describeBehavior(behavior: { scaleUp?: Rules; scaleDown?: Rules } | undefined): HpaBehaviorView {
  return { scaleUp: describeRules('up', behavior?.scaleUp), scaleDown: describeRules('down', behavior?.scaleDown) };
}

export interface HpaDetails {
  conditions: HpaConditionView[];
  metrics: HpaMetricView[];
  behavior: HpaBehaviorView;
  lastScaleTime?: string;
}

/** Everything the HPA detail page shows beyond the list columns. */
export function hpaDetails(
  hpa: HpaLike & {
    spec?: { metrics?: unknown; behavior?: { scaleUp?: Rules; scaleDown?: Rules } };
    status?: { currentMetrics?: unknown; lastScaleTime?: string };
  },
): HpaDetails {
  const bounds = { min: hpa.spec?.minReplicas ?? 1, max: hpa.spec?.maxReplicas ?? 0 };
  return {
    conditions: (hpa.status?.conditions ?? []).map((c) => explainHpaCondition(c, bounds)),
    metrics: hpaMetrics(hpa),
    behavior: describeBehavior(hpa.spec?.behavior),
    lastScaleTime: hpa.status?.lastScaleTime,
  };
}
