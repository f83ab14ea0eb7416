import 'server-only';

import type { RawMeta } from '@/lib/k8s/rollout/types';
import type { BaseInput } from '@/server/k8s/actions/pipeline';
import { conflictError } from '@/server/k8s/actions/results';

/**
 * Did the object change since the person looked? Same resourceVersion: no. A different one with the
 * same metadata.generation: only the status moved (controllers update it all the time during a
 * rollout), so the spec they reviewed is still the spec — we go ahead. Otherwise: a conflict, and
 * nothing is sent. The write itself then carries the resourceVersion we just read, so a change in
 * the milliseconds between our read and our write is a 409 from the API server.
 */
export function assertUnchanged(current: RawMeta, seen: BaseInput, what: string): void {
  if (current.resourceVersion === seen.resourceVersion) return;
  if (seen.generation !== undefined && current.generation === seen.generation) return;
  const detail =
    seen.generation !== undefined && current.generation !== undefined
      ? `generation ${seen.generation} → ${current.generation}`
      : `resourceVersion ${seen.resourceVersion} → ${current.resourceVersion}`;
  throw conflictError(what, detail);
}
