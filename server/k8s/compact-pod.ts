import 'server-only';

import type { KubeObject, ObjectMeta, OwnerRef } from '@/lib/k8s/object';
import { Interner } from '@/server/k8s/interner';

export { Interner };

// The shared cache keeps a pod in a compact shape (ADR 0027): the same paths as the API's Pod, but only
// the fields something served from the cache reads. Everything else (values of env vars, probes,
// mounts, tolerations, annotations, timestamps of conditions…) is read on demand, as the person, by
// the pod's detail page (server/k8s/objects.ts). Who reads what is kept from here:
// - the summary (lib/k8s/kinds/pods.ts toSummary, lib/k8s/status/pod-status.ts podStatus): metadata,
//   containers' names and images, init containers' restartPolicy, readinessGates, nodeName, volumes'
//   claims; status phase, reason, conditions (type, status, reason), container states, podIP,
//   nominatedNodeName. Attention and the list indexes read the summary only.
// - the store's indexes (server/k8s/cache.ts): namespace, controller owner reference, nodeName.
// - "who uses this ConfigMap/Secret" (lib/k8s/pod-references.ts referencesOf): env vars that read a
//   ConfigMap or Secret key, envFrom, configMap/secret/projected volumes, imagePullSecrets.
// - the node's pods and their requests (lib/k8s/status/node-status.ts podRequestsAndLimits):
//   containers' and init containers' resources.requests/limits, overhead, phase.
// A test (compact-pod.test.ts) holds each of those to the same answer as on the full object.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `fn` of each object in an array, without those it maps to undefined; no array per item. */
function objects<R>(v: unknown, fn: (o: Obj) => R | undefined): R[] {
  if (!Array.isArray(v)) return [];
  // Sized up front, not pushed: a pushed array keeps spare capacity, and some of these stay per pod.
  const out = new Array<R>(v.length);
  let n = 0;
  for (const x of v) {
    const r = isObj(x) ? fn(x) : undefined;
    if (r !== undefined) out[n++] = r;
  }
  out.length = n;
  return out;
}

function set(target: Obj, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function meta(m: ObjectMeta, i: Interner): ObjectMeta {
  const out: ObjectMeta = { name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
  set(out as unknown as Obj, 'namespace', i.of(m.namespace));
  set(out as unknown as Obj, 'creationTimestamp', m.creationTimestamp);
  set(out as unknown as Obj, 'deletionTimestamp', m.deletionTimestamp);
  const labels = i.record(m.labels);
  if (labels) out.labels = i.shared(labels);
  if (m.ownerReferences?.length) {
    out.ownerReferences = i.shared(
      m.ownerReferences.map((o): OwnerRef => {
        const ref: OwnerRef = { kind: i.of(o.kind), name: i.of(o.name), uid: i.of(o.uid) };
        if (o.apiVersion) ref.apiVersion = i.of(o.apiVersion);
        if (o.controller) ref.controller = true;
        return ref;
      }),
    );
  }
  return out;
}

/** { name, key, optional } of a ConfigMap/Secret reference; undefined when it is not one. */
function keyRef(r: unknown, i: Interner, nameField = 'name'): Obj | undefined {
  if (!isObj(r)) return undefined;
  const out: Obj = {};
  set(out, nameField, i.of(str(r[nameField])));
  set(out, 'key', i.of(str(r.key)));
  if (r.optional === true) out.optional = true;
  return out;
}

function resources(r: unknown, i: Interner): Obj | undefined {
  if (!isObj(r)) return undefined;
  const requests = i.record(r.requests);
  const limits = i.record(r.limits);
  if (!requests && !limits) return undefined;
  const out: Obj = {};
  set(out, 'requests', requests);
  set(out, 'limits', limits);
  return out;
}

function container(c: Obj, i: Interner): Obj {
  const out: Obj = { name: i.of(str(c.name) ?? '') };
  set(out, 'image', i.of(str(c.image)));
  set(out, 'restartPolicy', i.of(str(c.restartPolicy)));
  set(out, 'resources', resources(c.resources, i));
  // Only env vars read from a ConfigMap or Secret key: their names and values stay in the API.
  const env = objects(c.env, (e) => {
    const from = isObj(e.valueFrom) ? e.valueFrom : undefined;
    const cm = keyRef(from?.configMapKeyRef, i);
    const secret = keyRef(from?.secretKeyRef, i);
    if (!cm && !secret) return undefined;
    const valueFrom: Obj = {};
    set(valueFrom, 'configMapKeyRef', cm);
    set(valueFrom, 'secretKeyRef', secret);
    return { name: str(e.name) ?? '', valueFrom };
  });
  if (env.length) out.env = env;
  const envFrom = objects(c.envFrom, (e) => {
    const ref: Obj = {};
    set(ref, 'configMapRef', keyRef(e.configMapRef, i));
    set(ref, 'secretRef', keyRef(e.secretRef, i));
    return ref.configMapRef || ref.secretRef ? ref : undefined;
  });
  if (envFrom.length) out.envFrom = envFrom;
  return out;
}

function volume(v: Obj, i: Interner): Obj | undefined {
  const out: Obj = { name: i.of(str(v.name) ?? '') };
  if (isObj(v.persistentVolumeClaim)) {
    out.persistentVolumeClaim = { claimName: i.of(str(v.persistentVolumeClaim.claimName)) };
  }
  set(out, 'configMap', keyRef(v.configMap, i));
  set(out, 'secret', keyRef(v.secret, i, 'secretName'));
  if (isObj(v.projected)) {
    const sources = objects(v.projected.sources, (s) => {
      const src: Obj = {};
      set(src, 'configMap', keyRef(s.configMap, i));
      set(src, 'secret', keyRef(s.secret, i));
      return src.configMap || src.secret ? src : undefined;
    });
    if (sources.length) out.projected = { sources };
  }
  return out.persistentVolumeClaim || out.configMap || out.secret || out.projected ? out : undefined;
}

function spec(s: unknown, i: Interner): Obj | undefined {
  if (!isObj(s)) return undefined;
  const out: Obj = {};
  set(out, 'nodeName', i.of(str(s.nodeName)));
  for (const key of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    if (Array.isArray(s[key])) out[key] = i.shared(objects(s[key], (c) => container(c, i)));
  }
  const volumes = objects(s.volumes, (v) => volume(v, i));
  if (volumes.length) out.volumes = i.shared(volumes);
  const pullSecrets = objects(s.imagePullSecrets, (p) => ({ name: i.of(str(p.name)) }));
  if (pullSecrets.length) out.imagePullSecrets = i.shared(pullSecrets);
  const gates = objects(s.readinessGates, (g) => ({ conditionType: i.of(str(g.conditionType)) }));
  if (gates.length) out.readinessGates = i.shared(gates);
  const overhead = i.record(s.overhead);
  if (overhead) out.overhead = i.shared(overhead);
  return out;
}

const RUNNING: Readonly<Obj> = Object.freeze({});

function state(s: unknown, i: Interner): Obj | undefined {
  if (!isObj(s)) return undefined;
  const out: Obj = {};
  if (isObj(s.waiting)) out.waiting = s.waiting.reason ? { reason: i.of(str(s.waiting.reason)) } : {};
  // podStatus asks only whether a container runs, not since when (the detail page reads the pod itself).
  if (isObj(s.running)) out.running = RUNNING;
  if (isObj(s.terminated)) {
    const t = s.terminated;
    const term: Obj = {};
    set(term, 'reason', i.of(str(t.reason)));
    if (typeof t.exitCode === 'number') term.exitCode = t.exitCode;
    if (typeof t.signal === 'number') term.signal = t.signal;
    set(term, 'finishedAt', str(t.finishedAt));
    out.terminated = term;
  }
  return out.waiting || out.running || out.terminated ? out : undefined;
}

function containerStatus(c: Obj, i: Interner): Obj {
  const out: Obj = { name: i.of(str(c.name) ?? '') };
  if (typeof c.ready === 'boolean') out.ready = c.ready;
  if (typeof c.started === 'boolean') out.started = c.started;
  if (typeof c.restartCount === 'number') out.restartCount = c.restartCount;
  set(out, 'state', state(c.state, i));
  set(out, 'lastState', state(c.lastState, i));
  return out;
}

const exited = (c: Obj) =>
  (isObj(c.state) && c.state.terminated !== undefined) || (isObj(c.lastState) && c.lastState.terminated !== undefined);

function status(s: unknown, i: Interner): Obj | undefined {
  if (!isObj(s)) return undefined;
  const out: Obj = {};
  set(out, 'phase', i.of(str(s.phase)));
  set(out, 'reason', i.of(str(s.reason)));
  if (Array.isArray(s.conditions)) {
    out.conditions = i.shared(
      objects(s.conditions, (c) => {
        const cond: Obj = { type: i.of(str(c.type)), status: i.of(str(c.status)) };
        set(cond, 'reason', i.of(str(c.reason)));
        return cond;
      }),
    );
  }
  for (const key of ['containerStatuses', 'initContainerStatuses'] as const) {
    if (!Array.isArray(s[key])) continue;
    const statuses = objects(s[key], (c) => containerStatus(c, i));
    // States without a time (running, waiting, no last exit) repeat across replicas; a finishedAt
    // is one pod's own and would only fill the table.
    out[key] = statuses.some(exited) ? statuses : i.shared(statuses);
  }
  set(out, 'podIP', str(s.podIP));
  set(out, 'nominatedNodeName', i.of(str(s.nominatedNodeName)));
  return out;
}

/** The pod as the shared cache keeps it (see above); `interner` shares repeated strings between pods. */
export function compactPod(pod: KubeObject, interner: Interner = new Interner()): KubeObject {
  const out: KubeObject = { metadata: meta(pod.metadata, interner) };
  set(out, 'spec', spec(pod.spec, interner));
  set(out, 'status', status(pod.status, interner));
  return out;
}

/** A transform for one reflector: compact pods sharing one bounded string table. */
export function compactPodTransform(interner = new Interner()): (pod: KubeObject) => KubeObject {
  return (pod) => compactPod(pod, interner);
}
