// The seed's small Kubernetes toolkit: clients, create-if-absent, compare-before-patch, polling.
// Idempotency rule: an object that already holds every field the seed wants is never written, so a
// second run bumps no resourceVersion, makes no revision and no duplicate.
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';

export const FIELD_MANAGER = 'wheelhouse-seed';

export type Log = (msg: string) => void;

export interface Kube {
  kc: KubeConfig;
  objects: KubernetesObjectApi;
  custom: CustomObjectsApi;
  core: CoreV1Api;
  apps: AppsV1Api;
  log: Log;
}

/** A Kubernetes object as plain JSON (what the seed writes). */
export type Obj = KubernetesObject & Record<string, unknown>;

export function makeKube(kubeconfigPath: string, log: Log): Kube {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return {
    kc,
    objects: KubernetesObjectApi.makeApiClient(kc),
    custom: kc.makeApiClient(CustomObjectsApi),
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    log,
  };
}

export function isStatus(err: unknown, code: number): boolean {
  return err instanceof ApiException && err.code === code;
}

export function ref(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind?.toLowerCase()} ${ns ? `${ns}/` : ''}${obj.metadata?.name}`;
}

/**
 * True when every field of `want` is present in `have` with the same value. Maps may hold extra
 * keys (server defaults); arrays must have the same length and match element by element.
 */
export function isSubset(want: unknown, have: unknown): boolean {
  if (want === have) return true;
  if (want === null || want === undefined) return have === null || have === undefined;
  if (Array.isArray(want)) {
    return Array.isArray(have) && have.length === want.length && want.every((w, i) => isSubset(w, have[i]));
  }
  if (typeof want === 'object') {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return false;
    const h = have as Record<string, unknown>;
    return Object.entries(want as Record<string, unknown>).every(([k, v]) => v === undefined || isSubset(v, h[k]));
  }
  // Numbers written as strings and vice versa (e.g. targetPort) are different values on purpose.
  return false;
}

/** Everything but status (server-owned for objects with a status subresource). */
function desiredFields(obj: Obj): Record<string, unknown> {
  const { status: _status, ...rest } = obj;
  return rest;
}

export type EnsureResult = { obj: Obj; action: 'created' | 'patched' | 'unchanged' };

export async function readObject(kube: Kube, obj: KubernetesObject): Promise<Obj | undefined> {
  try {
    const header = {
      apiVersion: obj.apiVersion ?? '',
      kind: obj.kind ?? '',
      metadata: { name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace },
    };
    return (await kube.objects.read(header)) as unknown as Obj;
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}

/**
 * Create the object if absent; if present and `patch` is set, merge-patch it only when some wanted
 * field differs. With `patch: false` an existing object is left exactly as it is (create-if-absent).
 */
export async function ensure(kube: Kube, want: Obj, opts: { patch?: boolean } = {}): Promise<EnsureResult> {
  const patch = opts.patch ?? true;
  const have = await readObject(kube, want);
  if (!have) {
    try {
      const created = (await kube.objects.create(want, undefined, undefined, FIELD_MANAGER)) as unknown as Obj;
      kube.log(`  created ${ref(want)}`);
      return { obj: created, action: 'created' };
    } catch (err) {
      // Someone (a controller, a parallel run) made it between our read and create.
      if (!isStatus(err, 409)) throw err;
      const raced = await readObject(kube, want);
      if (!raced) throw err;
      return { obj: raced, action: 'unchanged' };
    }
  }
  if (!patch || isSubset(desiredFields(want), toPlain(have))) return { obj: have, action: 'unchanged' };
  const patched = (await kube.objects.patch(
    desiredFields(want) as Obj,
    undefined,
    undefined,
    FIELD_MANAGER,
    undefined,
    PatchStrategy.MergePatch,
  )) as unknown as Obj;
  kube.log(`  patched ${ref(want)}`);
  return { obj: patched, action: 'patched' };
}

/** Typed client objects carry Date instances and class prototypes; compare as the JSON the API sent. */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface CustomRef {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name: string;
}

/** Merge-patch a custom object's status subresource, only when the wanted status is not already there. */
export async function ensureStatus(
  kube: Kube,
  target: CustomRef,
  live: Obj,
  status: Record<string, unknown>,
): Promise<boolean> {
  if (isSubset(status, toPlain(live).status)) return false;
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const body = { status };
  if (target.namespace) {
    await kube.custom.patchNamespacedCustomObjectStatus({ ...target, namespace: target.namespace, body }, merge);
  } else {
    await kube.custom.patchClusterCustomObjectStatus({ ...target, body }, merge);
  }
  kube.log(`  status ${target.plural} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`);
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll `probe` until it returns a value; throw (or return undefined when `soft`) after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; soft?: boolean },
): Promise<T | undefined> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      if (opts.soft) return undefined;
      throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}`);
    }
    await sleep(opts.intervalMs ?? 500);
  }
}

export function ownedBy(obj: { metadata?: { ownerReferences?: Array<{ uid: string }> } }, uid: string): boolean {
  return (obj.metadata?.ownerReferences ?? []).some((o) => o.uid === uid);
}

export function controllerRef(owner: Obj, blockOwnerDeletion = true) {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion,
  };
}

/** Read `header`; if absent, build the object (possibly expensive: keys, CSRs) and create it. */
export async function ensureCreated(kube: Kube, header: Obj, build: () => Promise<Obj>): Promise<Obj> {
  const have = await readObject(kube, header);
  if (have) return have;
  return (await ensure(kube, await build(), { patch: false })).obj;
}

/** The status-subresource address of a custom object. */
export function customRef(obj: Obj, plural: string): CustomRef {
  const [group = '', version = ''] = (obj.apiVersion ?? '').split('/');
  return { group, version, plural, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' };
}

/** metadata.creationTimestamp as a Date (client-node already parses it for known kinds). */
export function createdAt(obj: Obj): Date {
  const ts = obj.metadata?.creationTimestamp as Date | string | undefined;
  return ts ? new Date(ts) : new Date();
}
