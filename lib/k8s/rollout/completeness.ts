import { referencesOf, type ReferencedKind, type ReferenceVia } from '@/lib/k8s/pod-references';
import type { PodTemplate } from '@/lib/k8s/rollout/types';

// Rollback completeness (issue 15, item 1). `rollout undo` restores only the pod template: the
// ConfigMaps and Secrets it reads are today's (kubernetes/kubernetes#22368). Before rolling back,
// list every one the target revision reads and say, for each, whether it changed since that revision
// went live — from metadata only (creation time, managedFields times), never a value — or plainly
// that it cannot be known. Pure: the server reads the objects as the person and hands their metadata.

/** What the server learnt about one referenced object, as the person. Metadata only. */
export type ObjectState =
  | { found: 'ok'; creationTimestamp?: string; resourceVersion?: string; managedTimes: string[] }
  | { found: 'missing' }
  | { found: 'forbidden' }
  | { found: 'error'; message: string };

export type Verdict = 'unchanged' | 'changed' | 'recreated' | 'missing' | 'forbidden' | 'unknown';

export interface CompletenessItem {
  kind: ReferencedKind;
  name: string;
  /** How the revision reads it (env, envFrom, volume, projected, imagePullSecret), once each. */
  via: ReferenceVia[];
  /** Every use is marked optional: the pods start without it. */
  optional: boolean;
  verdict: Verdict;
  /** When it last changed, if known (ISO 8601). */
  changedAt?: string;
  sentence: string;
}

export interface ImageChange {
  container: string;
  /** Today's image ('' when the container is new in the target revision). */
  now: string;
  /** The target revision's image ('' when the container is gone there). */
  target: string;
}

export interface Completeness {
  revision: number;
  /** When the target revision went live, if known. */
  since?: string;
  items: CompletenessItem[];
  images: ImageChange[];
  /** One sentence for the dialog. */
  summary: string;
  /** Rolling back would start pods that cannot start (a required object is missing). */
  blocking: boolean;
}

export function objectKey(kind: ReferencedKind, name: string): string {
  return `${kind}/${name}`;
}

function latest(times: readonly string[]): string | undefined {
  return times.filter(Boolean).sort().at(-1);
}

/**
 * Whether managedFields times move when only a value changes: since Kubernetes 1.25
 * (kubernetes/kubernetes#110058). Before, a manager that rewrites a value it already owns leaves its
 * time alone, so an old time proves nothing there; a newer time still proves a change.
 */
export function valueChangesTimed(serverMinor: number | undefined): boolean {
  return serverMinor !== undefined && serverMinor >= 25;
}

function verdictOf(
  kind: ReferencedKind,
  name: string,
  optional: boolean,
  state: ObjectState | undefined,
  revision: number,
  since: string | undefined,
  timed: boolean,
): Pick<CompletenessItem, 'verdict' | 'changedAt' | 'sentence'> {
  const what = `${kind} ${name}`;
  if (!state || state.found === 'error')
    return { verdict: 'unknown', sentence: `${what}: could not be read${state ? ` (${state.message})` : ''}.` };
  if (state.found === 'forbidden')
    return { verdict: 'forbidden', sentence: `${what}: you may not read it, so whether it changed cannot be known.` };
  if (state.found === 'missing')
    return optional
      ? {
          verdict: 'missing',
          sentence: `${what} no longer exists; the revision marks it optional, so pods still start.`,
        }
      : {
          verdict: 'missing',
          sentence: `${what} no longer exists: the rolled-back pods would fail to start until it is recreated.`,
        };
  if (!since)
    return {
      verdict: 'unknown',
      sentence: `${what}: when revision ${revision} went live is not known, so cannot tell.`,
    };
  if (state.creationTimestamp && state.creationTimestamp > since)
    return {
      verdict: 'recreated',
      changedAt: state.creationTimestamp,
      sentence: `${what} was created after revision ${revision} went live: it is not the object that revision ran with.`,
    };
  const changedAt = latest(state.managedTimes);
  if (!changedAt)
    return { verdict: 'unknown', sentence: `${what}: the API server keeps no change times for it, so cannot tell.` };
  if (changedAt > since)
    return {
      verdict: 'changed',
      changedAt,
      sentence: `${what} changed after revision ${revision} went live: rolling back keeps today's version.`,
    };
  if (!timed)
    return {
      verdict: 'unknown',
      changedAt,
      sentence: `${what}: last recorded change before revision ${revision} went live, but this Kubernetes version does not record value-only edits, so it may still have changed.`,
    };
  return { verdict: 'unchanged', changedAt, sentence: `${what} is unchanged since revision ${revision} went live.` };
}

function images(template: PodTemplate | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of template?.spec?.containers ?? []) if (c.name) out.set(c.name, c.image ?? '');
  return out;
}

/** The image references that differ between today's template and the target revision's. */
export function imageChanges(current: PodTemplate | undefined, target: PodTemplate | undefined): ImageChange[] {
  const now = images(current);
  const then = images(target);
  const names = [...new Set([...now.keys(), ...then.keys()])].sort();
  return names
    .filter((n) => (now.get(n) ?? '') !== (then.get(n) ?? ''))
    .map((container) => ({ container, now: now.get(container) ?? '', target: then.get(container) ?? '' }));
}

/** The ConfigMaps and Secrets a template reads, each once, with how and whether every use is optional. */
export function referencedObjects(
  template: PodTemplate | undefined,
): { kind: ReferencedKind; name: string; via: ReferenceVia[]; optional: boolean }[] {
  const byKey = new Map<string, { kind: ReferencedKind; name: string; via: ReferenceVia[]; optional: boolean }>();
  for (const r of referencesOf(template?.spec)) {
    const key = objectKey(r.kind, r.name);
    const entry = byKey.get(key) ?? { kind: r.kind, name: r.name, via: [], optional: true };
    if (!entry.via.includes(r.via)) entry.via.push(r.via);
    entry.optional &&= r.optional === true;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

export function rollbackCompleteness(input: {
  revision: number;
  since?: string;
  target: PodTemplate | undefined;
  current: PodTemplate | undefined;
  states: ReadonlyMap<string, ObjectState>;
  /** valueChangesTimed(server minor version): whether an old managedFields time proves "unchanged". */
  timed: boolean;
}): Completeness {
  const items = referencedObjects(input.target).map((r) => ({
    ...r,
    ...verdictOf(
      r.kind,
      r.name,
      r.optional,
      input.states.get(objectKey(r.kind, r.name)),
      input.revision,
      input.since,
      input.timed,
    ),
  }));
  const imageDiff = imageChanges(input.current, input.target);
  const blocking = items.some((i) => i.verdict === 'missing' && !i.optional);
  const count = (v: Verdict) => items.filter((i) => i.verdict === v).length;
  const parts: string[] = [];
  if (count('missing')) parts.push(`${count('missing')} no longer exist${count('missing') === 1 ? 's' : ''}`);
  if (count('changed') + count('recreated')) parts.push(`${count('changed') + count('recreated')} changed since then`);
  if (count('forbidden') + count('unknown')) parts.push(`${count('forbidden') + count('unknown')} cannot be checked`);
  const objects = `${items.length} ${items.length === 1 ? 'ConfigMap or Secret' : 'ConfigMaps and Secrets'}`;
  const summary = !items.length
    ? `Revision ${input.revision} reads no ConfigMap or Secret.`
    : parts.length
      ? `Revision ${input.revision} reads ${objects}: ${parts.join(', ')}. Rolling back restores only the pod template.`
      : `Revision ${input.revision} reads ${objects}, none changed since it went live.`;
  return { revision: input.revision, since: input.since, items, images: imageDiff, summary, blocking };
}
