import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';

import { templateWithoutHash } from '@/lib/k8s/rollout/template';
import type { PodTemplate } from '@/lib/k8s/rollout/types';

// The pod-template diff shown before a rollback: YAML of both templates without pod-template-hash,
// as a unified diff (the `diff` package; ADR "actions API").

export function templateYaml(template: PodTemplate): string {
  return stringify(templateWithoutHash(template), { sortMapEntries: true });
}

/** Unified diff from the current template to revision N's; '' when they are equal. */
export function templateDiff(current: PodTemplate, target: PodTemplate, currentRev: number, targetRev: number): string {
  const a = templateYaml(current);
  const b = templateYaml(target);
  if (a === b) return '';
  return createTwoFilesPatch(`revision ${currentRev} (current)`, `revision ${targetRev}`, a, b, undefined, undefined, {
    context: 3,
  });
}
