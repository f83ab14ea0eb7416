import 'server-only';

import type { IdentityMapping } from '@/server/auth/auth-env';

// Provider identity → the Kubernetes user and groups the dashboard impersonates. Prefixes keep
// provider names apart from names Kubernetes gives meaning to (`oidc:alice` is not the cluster's own
// `alice`), the way kube-apiserver's --oidc-username-prefix/--oidc-groups-prefix do.

export interface MappedIdentity {
  user: string;
  groups: string[];
}

export type MapResult = { ok: true; identity: MappedIdentity } | { ok: false; reason: string };

const MAX_GROUPS = 200;
const MAX_NAME = 253;
// Names become Impersonate-* header values: printable ASCII only (no CR/LF, no control characters).
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Maps a provider's user name and groups. Groups listed in `groupMap` become the mapped name verbatim
 * (the operator chose it); others get the prefix. A result in the reserved `system:` namespace is only
 * possible through the map: a provider (or a users file) claiming `system:masters` must not become
 * cluster-admin just because a prefix was left empty.
 */
export function mapIdentity(
  source: { user: unknown; groups: unknown },
  mapping: IdentityMapping,
  groupMap: Readonly<Record<string, string>>,
): MapResult {
  if (typeof source.user !== 'string' || source.user.trim() === '') {
    return { ok: false, reason: 'the identity has no user name' };
  }
  const user = `${mapping.userPrefix}${source.user.trim()}`;
  if (user.length > MAX_NAME || !HEADER_SAFE.test(user)) {
    return { ok: false, reason: 'the user name contains characters Kubernetes cannot take' };
  }
  if (user.startsWith('system:')) return { ok: false, reason: 'system: user names are reserved' };

  const rawGroups = normaliseGroups(source.groups);
  if (rawGroups.length > MAX_GROUPS) return { ok: false, reason: `more than ${MAX_GROUPS} groups` };
  const groups = new Set<string>();
  for (const group of rawGroups) {
    const mapped = Object.hasOwn(groupMap, group) ? groupMap[group] : undefined;
    const name = mapped ?? `${mapping.groupPrefix}${group}`;
    if (name.length > MAX_NAME || !HEADER_SAFE.test(name)) continue;
    if (mapped === undefined && name.startsWith('system:')) continue;
    groups.add(name);
  }
  return { ok: true, identity: { user, groups: [...groups].sort() } };
}

/** A groups claim may be an array, a single string, or absent (providers differ). */
function normaliseGroups(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value
    .filter((g): g is string => typeof g === 'string')
    .map((g) => g.trim())
    .filter(Boolean);
}
