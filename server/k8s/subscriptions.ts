import 'server-only';

import { z } from 'zod';

import { kindById } from '@/lib/k8s/kinds';

// Stream subscriptions, from the query string: repeated `sub=<cluster>:<kind>[:<namespace>[:<name>]]`.
// Cluster-scoped kinds take no namespace: `local:namespaces` or `local:namespaces::shop-frontend`.

export interface Subscription {
  cluster: string;
  kind: string;
  namespace?: string;
  name?: string;
}

export const MAX_SUBSCRIPTIONS = 32;

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);

export type ParsedSubscriptions = { ok: true; subscriptions: Subscription[] } | { ok: false; reason: string };

export function parseSubscription(raw: string): Subscription | string {
  const parts = raw.split(':');
  if (parts.length < 2 || parts.length > 4) return `"${clip(raw)}": expected <cluster>:<kind>[:<namespace>[:<name>]]`;
  const [cluster = '', kindId = '', namespace = '', name = ''] = parts;
  if (!dnsLabel.safeParse(cluster).success) return `"${clip(raw)}": invalid cluster name`;
  const kind = kindById(kindId);
  if (!kind) return `"${clip(raw)}": unknown kind`;
  if (namespace && !kind.namespaced) return `"${clip(raw)}": ${kind.title} are not namespaced`;
  if (namespace && !dnsLabel.safeParse(namespace).success) return `"${clip(raw)}": invalid namespace`;
  if (parts.length === 4 && !dnsSubdomain.safeParse(name).success) return `"${clip(raw)}": invalid name`;
  if (kind.namespaced && name && !namespace) return `"${clip(raw)}": a name needs a namespace`;
  return { cluster, kind: kind.id, namespace: namespace || undefined, name: name || undefined };
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
