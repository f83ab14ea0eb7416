import type { KubeObject } from '@/lib/k8s/object';

// Which ConfigMaps and Secrets a pod spec reads, and how: env (one key), envFrom (all keys), volumes,
// projected volume sources and image pull Secrets. Names only — never values. Used by the ConfigMap
// and Secret detail pages ("who uses this?") and by rollback completeness (issue 15: a revision is
// only complete when the configuration it reads still exists).
// Upstream: the same fields kubelet resolves, k8s.io/kubernetes pkg/api/v1/pod/util.go VisitPodSecretNames
// and VisitPodConfigmapNames.

export type ReferencedKind = 'ConfigMap' | 'Secret';
export type ReferenceVia = 'env' | 'envFrom' | 'volume' | 'projected' | 'imagePullSecret';

export interface PodSpecReference {
  kind: ReferencedKind;
  name: string;
  via: ReferenceVia;
  /** The container that reads it (env, envFrom); volumes and pull Secrets belong to the pod. */
  container?: string;
  /** The one key an env var reads. */
  key?: string;
  /** Marked optional: the pod starts without it. */
  optional?: boolean;
}

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}
interface Container {
  name?: string;
  env?: { valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } }[];
  envFrom?: { configMapRef?: KeyRef; secretRef?: KeyRef }[];
}
interface Volume {
  configMap?: KeyRef;
  secret?: { secretName?: string; optional?: boolean };
  projected?: { sources?: { configMap?: KeyRef; secret?: KeyRef }[] };
}
interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
  imagePullSecrets?: { name?: string }[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v.filter(isObject) as T[]) : [];
}

/** Every ConfigMap and Secret reference of a pod spec, in spec order (duplicates kept: each is a use). */
export function referencesOf(podSpec: unknown): PodSpecReference[] {
  if (!isObject(podSpec)) return [];
  const spec = podSpec as PodSpecLike;
  const out: PodSpecReference[] = [];
  const add = (kind: ReferencedKind, via: ReferenceVia, ref: KeyRef | undefined, extra: Partial<PodSpecReference>) => {
    if (!isObject(ref) || typeof ref.name !== 'string' || !ref.name) return;
    out.push({ kind, name: ref.name, via, ...extra, ...(ref.optional ? { optional: true } : {}) });
  };
  const containers = [
    ...list<Container>(spec.initContainers),
    ...list<Container>(spec.containers),
    ...list<Container>(spec.ephemeralContainers),
  ];
  for (const c of containers) {
    const container = typeof c.name === 'string' ? c.name : undefined;
    for (const e of list<NonNullable<Container['env']>[number]>(c.env)) {
      const from = isObject(e.valueFrom) ? e.valueFrom : undefined;
      const cm = from?.configMapKeyRef;
      const secret = from?.secretKeyRef;
      add('ConfigMap', 'env', cm, { container, key: cm?.key });
      add('Secret', 'env', secret, { container, key: secret?.key });
    }
    for (const e of list<NonNullable<Container['envFrom']>[number]>(c.envFrom)) {
      add('ConfigMap', 'envFrom', e.configMapRef, { container });
      add('Secret', 'envFrom', e.secretRef, { container });
    }
  }
  for (const v of list<Volume>(spec.volumes)) {
    add('ConfigMap', 'volume', v.configMap, {});
    if (isObject(v.secret)) add('Secret', 'volume', { name: v.secret.secretName, optional: v.secret.optional }, {});
    const sources = isObject(v.projected) ? list<{ configMap?: KeyRef; secret?: KeyRef }>(v.projected.sources) : [];
    for (const s of sources) {
      add('ConfigMap', 'projected', s.configMap, {});
      add('Secret', 'projected', s.secret, {});
    }
  }
  for (const p of list<{ name?: string }>(spec.imagePullSecrets)) add('Secret', 'imagePullSecret', p, {});
  return out;
}

/** The pod spec of a pod or of a workload's pod template (CronJobs: their Job template's). */
export function podSpecOf(obj: KubeObject): unknown {
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod' || 'containers' in spec) return spec;
  const jobTemplate = isObject(spec.jobTemplate) ? spec.jobTemplate : undefined;
  const jobSpec = jobTemplate && isObject(jobTemplate.spec) ? jobTemplate.spec : undefined;
  const template = isObject(spec.template)
    ? spec.template
    : jobSpec && isObject(jobSpec.template)
      ? jobSpec.template
      : undefined;
  return template && isObject(template.spec) ? template.spec : undefined;
}

/** How a pod spec uses one ConfigMap or Secret, e.g. ["env KEY (app)", "volume"]; empty when it does not. */
export function usesOf(podSpec: unknown, kind: ReferencedKind, name: string): string[] {
  const uses = referencesOf(podSpec)
    .filter((r) => r.kind === kind && r.name === name)
    .map((r) => {
      const key = r.key ? ` ${r.key}` : '';
      const container = r.container ? ` (${r.container})` : '';
      return `${r.via}${key}${container}`;
    });
  return [...new Set(uses)];
}
