import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { assertUnchanged } from '@/server/k8s/actions/precondition';
import { KubeError } from '@/server/k8s/errors';

const meta = (resourceVersion: string, generation: number) => ({ name: 'x', uid: 'u', resourceVersion, generation });
const seen = (resourceVersion: string, generation?: number) => ({
  requestId: randomUUID(),
  resourceVersion,
  generation,
});

describe('assertUnchanged', () => {
  it('accepts the same resourceVersion, or a status-only change (same generation)', () => {
    expect(() => assertUnchanged(meta('10', 2), seen('10', 2), 'Deployment a/x')).not.toThrow();
    expect(() => assertUnchanged(meta('11', 2), seen('10', 2), 'Deployment a/x')).not.toThrow();
  });

  it('is a 409 conflict when the spec moved on, or when no generation was sent', () => {
    const err = (() => {
      try {
        assertUnchanged(meta('12', 3), seen('10', 2), 'Deployment a/x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ kind: 'conflict', status: 409 });
    expect((err as Error).message).toContain('Deployment a/x changed since you looked (generation 2 → 3)');
    expect(() => assertUnchanged(meta('11', 2), seen('10'), 'x')).toThrow(/changed since you looked/);
  });
});
