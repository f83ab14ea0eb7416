import 'server-only';

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The server's own Prometheus metrics (served by /api/metrics). One registry per process, kept on
// globalThis because Next.js may load this module once per route bundle and every bundle must count
// into the same series. Metrics are created on first use by name (get-or-create), so modules declare
// what they count next to the code that counts it, and a second bundle's declaration is the same object.
// Every name starts with `wheelhouse_`; label values must come from bounded sets (route patterns, kind
// ids, cluster names, outcomes) — never user names, namespaces typed by a client, or object names.

const KEY = Symbol.for('wheelhouse.observability.metrics');

interface Holder {
  registry: Registry;
  metrics: Map<string, Counter | Gauge | Histogram>;
}

function holder(): Holder {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  if (!g[KEY]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    g[KEY] = { registry, metrics: new Map() };
  }
  return g[KEY];
}

export function metricsRegistry(): Registry {
  return holder().registry;
}

interface Spec<L extends string> {
  name: `wheelhouse_${string}`;
  help: string;
  labelNames?: readonly L[];
}

function getOrCreate<M extends Counter | Gauge | Histogram>(name: string, create: (registry: Registry) => M): M {
  const { registry, metrics } = holder();
  const existing = metrics.get(name);
  if (existing) return existing as M;
  const metric = create(registry);
  metrics.set(name, metric);
  return metric;
}

export function counter<L extends string = never>(spec: Spec<L>): Counter<L> {
  return getOrCreate(spec.name, (r) => new Counter<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [r] }));
}

export function gauge<L extends string = never>(
  spec: Spec<L> & { collect?: (this: Gauge<L>) => void | Promise<void> },
): Gauge<L> {
  return getOrCreate(spec.name, (r) => new Gauge<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [r] }));
}

export function histogram<L extends string = never>(spec: Spec<L> & { buckets?: number[] }): Histogram<L> {
  return getOrCreate(
    spec.name,
    (r) => new Histogram<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [r] }),
  );
}
