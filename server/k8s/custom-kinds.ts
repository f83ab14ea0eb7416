import 'server-only';

import { KINDS, kindById } from '@/lib/k8s/kinds';
import { customKind, isCustomKindId, type CustomKindSpec } from '@/lib/k8s/kinds/custom';
import { customKindSpecFromCrd } from '@/lib/k8s/kinds/custom-spec';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { ClusterCache } from '@/server/k8s/cache';
import { toKubeError } from '@/server/k8s/errors';
import { mayList } from '@/server/k8s/resources';
import { kubeJson, type Impersonation } from '@/server/k8s/transport';

// Kinds of a cluster: the built-in registry first, then the cluster's CustomResourceDefinitions
// (ADR 0020). CRDs are listed as the dashboard (it may read CRDs, never the custom resources
// themselves), at most every CRD_TTL_MS per cluster; one request serves everyone in the meantime.

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const CRD_TTL_MS = 30_000;

interface Discovered {
  at: number;
  specs: Promise<Map<string, CustomKindSpec>>;
}

const discovered = new WeakMap<ClusterCache, Discovered>();
/** Descriptors built once per spec (summaries are memoised per object, not per descriptor). */
const built = new Map<string, { json: string; kind: KindDescriptor }>();

/** The kinds the built-in registry already describes, by `<plural>.<group>` (cert-manager's CRDs). */
const BUILT_IN = new Map(KINDS.filter((k) => k.group).map((k) => [`${k.plural}.${k.group}`, k]));

/** The cluster's CRDs as kind specs, by id (`<plural>.<group>`). */
export function customKindSpecs(cache: ClusterCache, now = Date.now()): Promise<Map<string, CustomKindSpec>> {
  const hit = discovered.get(cache);
  if (hit && now - hit.at < CRD_TTL_MS) return hit.specs;
  const specs = kubeJson<{ items?: unknown[] }>(cache.kc, {
    path: CRD_PATH,
    timeoutMs: 10_000,
  }).then(
    (list) => {
      const out = new Map<string, CustomKindSpec>();
      for (const crd of list.items ?? []) {
        const spec = customKindSpecFromCrd(crd);
        if (spec) out.set(spec.id, spec);
      }
      return out;
    },
    (err: unknown) => {
      throw toKubeError(err, { cluster: cache.name, server: cache.kc.getCurrentCluster()?.server });
    },
  );
  const entry = { at: now, specs };
  discovered.set(cache, entry);
  specs.catch(() => discovered.get(cache) === entry && discovered.delete(cache));
  return specs;
}

function descriptorOf(cluster: string, spec: CustomKindSpec): KindDescriptor {
  const key = `${cluster}\u0000${spec.id}`;
  const json = JSON.stringify(spec);
  const hit = built.get(key);
  if (hit && hit.json === json) return hit.kind;
  const kind: KindDescriptor = customKind(spec);
  built.set(key, { json, kind });
  return kind;
}

/**
 * The descriptor for a kind id in this cluster: a built-in one, else one built from the cluster's CRD
 * of that name (a CRD the registry already describes resolves to the built-in descriptor), else
 * undefined. Every server path that takes a kind id from a request resolves it here.
 */
export async function resolveKind(cache: ClusterCache, id: unknown): Promise<KindDescriptor | undefined> {
  const builtIn = kindById(id);
  if (builtIn) return builtIn;
  if (typeof id !== 'string' || !isCustomKindId(id)) return undefined;
  const known = BUILT_IN.get(id);
  if (known) return known;
  const spec = (await customKindSpecs(cache)).get(id);
  return spec ? descriptorOf(cache.name, spec) : undefined;
}

/** Custom kinds are read as the person (ADR 0020); built-in kinds from the shared cache. */
export function isPersonRead(kind: KindDescriptor): boolean {
  return kindById(kind.id) === undefined;
}

/** May `who` list the kind anywhere: cluster-wide, or (namespaced kinds) in one of `namespaces`. */
export async function mayListSomewhere(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  namespaces: readonly string[],
): Promise<boolean> {
  if (await mayList(cache, who, kind, '')) return true;
  if (!kind.namespaced) return false;
  for (const ns of namespaces) if (await mayList(cache, who, kind, ns)) return true;
  return false;
}

/**
 * The custom kinds (CRDs the registry does not describe) that `who` may list somewhere, as specs,
 * by title. `namespaces` are the cluster's namespaces (asked in turn until one answers yes).
 */
export async function customKindsForUser(
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[],
): Promise<CustomKindSpec[]> {
  const specs = [...(await customKindSpecs(cache)).values()].filter((s) => !BUILT_IN.has(s.id));
  const allowed = await Promise.all(
    specs.map((s) => mayListSomewhere(cache, who, descriptorOf(cache.name, s), namespaces)),
  );
  return specs.filter((_, i) => allowed[i]).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
