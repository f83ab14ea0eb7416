// The surge/unavailability budget of a rolling update, as the deployment controller resolves it:
// ResolveFenceposts in
// https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/controller/deployment/util/deployment_util.go
// (maxSurge rounds up, maxUnavailable rounds down, both 0 → maxUnavailable 1; defaults 25 %).

export type IntOrPercent = number | string | undefined;

export interface RolloutBudget {
  desired: number;
  maxSurge: number;
  maxUnavailable: number;
  /** Pods above `desired` right now (surge in use). */
  surgeInUse: number;
  /** Desired pods not available right now (unavailability in use). */
  unavailableInUse: number;
}

/** intstr.GetScaledValueFromIntOrPercent; undefined for an unparsable value. */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return /^\d+$/.test(value) ? Number(value) : undefined;
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const surge = scaledValue(maxSurge ?? '25%', desired, true) ?? 0;
  let unavailable = scaledValue(maxUnavailable ?? '25%', desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

export function rolloutBudget(
  strategy: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } | undefined,
  desired: number,
  status: { replicas?: number; availableReplicas?: number },
): RolloutBudget {
  const { maxSurge, maxUnavailable } = resolveFenceposts(strategy?.maxSurge, strategy?.maxUnavailable, desired);
  return {
    desired,
    maxSurge,
    maxUnavailable,
    surgeInUse: Math.max(0, (status.replicas ?? 0) - desired),
    unavailableInUse: Math.max(0, desired - (status.availableReplicas ?? 0)),
  };
}
