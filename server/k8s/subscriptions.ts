import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import { isCustomKindId } from '@/lib/k8s/kinds/custom';
import { dnsLabelSchema, pathSegmentNameSchema } from '@/lib/k8s/names';

// Stream subscriptions, from the query string: repeated `sub=<cluster>:<kind>[:<namespace>[:<name>]]`.
// Cluster-scoped kinds take no namespace: `local:namespaces` or `local:namespaces::shop-frontend`.

export interface Subscription {
  cluster: string;
  kind: string;
  namespace?: string;
  name?: string;
}

export const MAX_SUBSCRIPTIONS = 32;

export type ParsedSubscriptions = { ok: true; subscriptions: Subscription[] } | { ok: false; reason: string };

export function parseSubscription(raw: string): Subscription | string {
  // The name is the rest: RBAC objects are named like "system:controller:job-controller".
  const parts = raw.split(':');
  if (parts.length < 2) return `"${clip(raw)}": expected <cluster>:<kind>[:<namespace>[:<name>]]`;
  const [cluster = '', kindId = '', namespace = ''] = parts;
  const name = parts.slice(3).join(':');
  if (!dnsLabelSchema.safeParse(cluster).success) return `"${clip(raw)}": invalid cluster name`;
  // A custom kind (`<plural>.<group>`) is resolved against the cluster's CRDs when the stream opens.
  const kind = kindById(kindId) ?? (isCustomKindId(kindId) ? undefined : null);
  if (kind === null) return `"${clip(raw)}": unknown kind`;
  if (namespace && kind && !kind.namespaced) return `"${clip(raw)}": ${kind.title} are not namespaced`;
  if (namespace && !dnsLabelSchema.safeParse(namespace).success) return `"${clip(raw)}": invalid namespace`;
  if (parts.length >= 4 && !pathSegmentNameSchema.safeParse(name).success) return `"${clip(raw)}": invalid name`;
  if (kind?.namespaced && name && !namespace) return `"${clip(raw)}": a name needs a namespace`;
  return { cluster, kind: kind?.id ?? kindId, namespace: namespace || undefined, name: name || undefined };
}

/** Validates and de-duplicates the `sub` parameters; at least one, at most MAX_SUBSCRIPTIONS. */
export function parseSubscriptions(values: readonly string[]): ParsedSubscriptions {
  if (values.length === 0) return { ok: false, reason: 'at least one sub=<cluster>:<kind> is required' };
  const unique = [...new Set(values)];
  if (unique.length > MAX_SUBSCRIPTIONS) return { ok: false, reason: `at most ${MAX_SUBSCRIPTIONS} subscriptions` };
  const subscriptions: Subscription[] = [];
  for (const raw of unique) {
    const sub = parseSubscription(raw);
    if (typeof sub === 'string') return { ok: false, reason: sub };
    subscriptions.push(sub);
  }
  return { ok: true, subscriptions };
}

/** Does a change to this object concern the subscription? */
export function subscriptionMatches(
  sub: Subscription,
  cluster: string,
  kind: string,
  obj: { namespace?: string; name: string },
): boolean {
  return (
    sub.cluster === cluster &&
    sub.kind === kind &&
    (sub.namespace === undefined || sub.namespace === obj.namespace) &&
    (sub.name === undefined || sub.name === obj.name)
  );
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
