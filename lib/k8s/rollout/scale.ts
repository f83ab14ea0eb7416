import * as z from 'zod/mini';

// Validation of replica counts and HPA bounds, shared by the form (client) and the action (server).
// zod/mini, not zod: the dialogs run these schemas in the browser, which loads zod/mini's core for the
// RBAC descriptors anyway, and not full zod (ADR 0018, "Full zod stays on the server").

/**
 * A whole number: "not a number" for anything else (NaN, a string), `whole` for a fraction or a
 * number beyond the safe integers.
 */
function wholeNumber(notNumber: string, whole: string) {
  return z.int({ error: (iss) => (iss.code === 'invalid_type' && iss.expected !== 'int' ? notNumber : whole) });
}

/** A whole number of replicas between 0 and the configured maximum (WHEELHOUSE_MAX_REPLICAS). */
export function replicasSchema(max: number) {
  return wholeNumber('Enter a number of replicas', 'Replicas must be a whole number').check(
    z.minimum(0, 'Replicas cannot be negative'),
    z.maximum(max, `At most ${max} replicas (WHEELHOUSE_MAX_REPLICAS)`),
  );
}

/** HPA bounds: min ≥ 1, min ≤ max ≤ the configured maximum. */
export function hpaBoundsSchema(max: number) {
  return z
    .object({
      minReplicas: wholeNumber('Enter a number for the minimum', 'Minimum must be a whole number').check(
        z.minimum(1, 'Minimum must be at least 1'),
      ),
      maxReplicas: wholeNumber('Enter a number for the maximum', 'Maximum must be a whole number').check(
        z.maximum(max, `At most ${max} replicas (WHEELHOUSE_MAX_REPLICAS)`),
      ),
    })
    .check(
      z.refine((b) => b.minReplicas <= b.maxReplicas, {
        message: 'Minimum must not exceed maximum',
        path: ['maxReplicas'],
      }),
    );
}

/** Parses a form field: '' and non-numbers become NaN so the schema reports them. */
export function parseReplicasInput(text: string): number {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}
