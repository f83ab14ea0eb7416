import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';

// The registry of built-in kinds (STYLE.md rule 7). Route segments and stream subscriptions name a
// kind by its id; anything not listed here is unknown (a 404), until discovery-built descriptors land.

const KINDS: readonly KindDescriptor[] = [podsKind, deploymentsKind, tlsSecretsKind, namespacesKind];

const BY_ID = new Map<string, KindDescriptor>(KINDS.map((k) => [k.id, k]));

export const kindIds: readonly string[] = KINDS.map((k) => k.id);

/** The descriptor for an id, or undefined for anything unknown (including non-string input). */
export function kindById(id: unknown): KindDescriptor | undefined {
  return typeof id === 'string' ? BY_ID.get(id) : undefined;
}
