import { z } from 'zod';

// Validation of replica counts and HPA bounds, shared by the form (client) and the action (server).

/** A whole number of replicas between 0 and the configured maximum (WHEELHOUSE_MAX_REPLICAS). */
export function replicasSchema(max: number) {
  return z
    .number({ error: 'Enter a number of replicas' })
    .int('Replicas must be a whole number')
    .min(0, 'Replicas cannot be negative')
    .max(max, `At most ${max} replicas (WHEELHOUSE_MAX_REPLICAS)`);
}

/** HPA bounds: min ≥ 1, min ≤ max ≤ the configured maximum. */
export function hpaBoundsSchema(max: number) {
  return z
    .object({
      minReplicas: z.number().int('Minimum must be a whole number').min(1, 'Minimum must be at least 1'),
      maxReplicas: z
        .number()
        .int('Maximum must be a whole number')
        .max(max, `At most ${max} replicas (WHEELHOUSE_MAX_REPLICAS)`),
    })
    .refine((b) => b.minReplicas <= b.maxReplicas, {
      message: 'Minimum must not exceed maximum',
      path: ['maxReplicas'],
    });
}

/** Parses a form field: '' and non-numbers become NaN so the schema reports them. */
export function parseReplicasInput(text: string): number {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}
