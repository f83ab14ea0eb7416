import 'server-only';

import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { clusterRoleBindingsKind, roleBindingsKind } from '@/lib/k8s/kinds/rolebindings';
import { clusterRolesKind, rolesKind } from '@/lib/k8s/kinds/roles';
import type { KubeObject } from '@/lib/k8s/object';
import {
  bindingOf,
  grantsFor,
  roleKeyOf,
  roleKey,
  roleOf,
  type BindingLike,
  type RoleLike,
  type Subject,
} from '@/lib/k8s/rbac';
import {
  accessTarget,
  personSubjects,
  whyBindings,
  whyWords,
  type ElevationAnswer,
  type RbacKindId,
  type WhyAnswer,
  type WhyQuery,
} from '@/lib/k8s/why';
import { elevationStatus } from '@/server/audit/elevation';
import type { Identity } from '@/server/auth/identity';
import type { UserKube } from '@/server/k8s/actions/user-kube';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { mayList } from '@/server/k8s/resources';

// "Why can't I …?" (issue 15, item 4). Three questions, each answered within what the person may know:
// 1. Kubernetes' own answer: a SelfSubjectAccessReview created AS the person (impersonated).
// 2. Elevation: it never grants RBAC rights; say whether changes are locked on top.
// 3. Which bindings grant the request (lib/k8s/rbac.ts grantsFor) — only from the RBAC kinds the
//    person may list (a SubjectAccessReview per kind, as in every shared-cache read). Someone who may
//    not read RoleBindings is told so, and nothing of them: the shared cache holds them, but the
//    dashboard's identity is not theirs to borrow.

const WAIT_MS = 10_000;

async function selfReview(kube: UserKube, q: WhyQuery): Promise<{ allowed: boolean; reason?: string }> {
  const res = await kube.request<{ status?: { allowed?: boolean; reason?: string } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { ...q } },
    },
  });
  const reason = res.status?.reason?.trim();
  return { allowed: res.status?.allowed === true, ...(reason ? { reason } : {}) };
}

async function elevationAnswer(who: Identity, cluster: string): Promise<ElevationAnswer> {
  try {
    const s = await elevationStatus(who, cluster);
    return s.mode === 'off' ? { mode: 'off' } : { mode: 'required', active: s.active !== null };
  } catch {
    return { mode: 'unknown' };
  }
}

/** The cached objects of one kind (one namespace, or all for a cluster-scoped kind). */
async function cached(cache: ClusterCache, kind: KindDescriptor, namespace?: string): Promise<KubeObject[]> {
  const reflector = await cache.reflector(kind);
  if (!(await reflector.ready(WAIT_MS)) && reflector.lastSyncAt === undefined) {
    throw toKubeError(reflector.lastError ?? new KubeError('timeout', `Cluster ${cache.name} did not answer in time`), {
      cluster: cache.name,
    });
  }
  return namespace ? reflector.store.byIndex('namespace', namespace) : [...reflector.store.values()];
}

interface Visible {
  bindings: BindingLike[];
  roles: RoleLike[];
  hidden: RbacKindId[];
}

/** The RBAC objects that bear on the request, of the kinds the person may list. */
async function visibleRbac(cache: ClusterCache, who: Identity, namespace: string | undefined): Promise<Visible> {
  const kinds: { id: RbacKindId; kind: KindDescriptor; namespace?: string }[] = [
    ...(namespace
      ? [
          { id: 'rolebindings' as const, kind: roleBindingsKind, namespace },
          { id: 'roles' as const, kind: rolesKind, namespace },
        ]
      : []),
    { id: 'clusterrolebindings', kind: clusterRoleBindingsKind },
    { id: 'clusterroles', kind: clusterRolesKind },
  ];
  const read = await Promise.all(
    kinds.map(async (k) =>
      (await mayList(cache, who, k.kind, k.namespace ?? ''))
        ? { ...k, objects: await cached(cache, k.kind, k.namespace) }
        : { ...k, objects: undefined },
    ),
  );
  const out: Visible = { bindings: [], roles: [], hidden: [] };
  for (const r of read) {
    if (!r.objects) {
      out.hidden.push(r.id);
      continue;
    }
    for (const obj of r.objects) {
      if (r.id === 'rolebindings' || r.id === 'clusterrolebindings') {
        const b = bindingOf(obj, r.id === 'rolebindings' ? 'RoleBinding' : 'ClusterRoleBinding');
        if (b) out.bindings.push(b);
      } else {
        out.roles.push(roleOf(obj, r.id === 'roles' ? 'Role' : 'ClusterRole'));
      }
    }
  }
  return out;
}

/** Every subject any binding names: grantsFor then answers "which bindings grant it to anyone". */
function everyone(bindings: readonly BindingLike[]): Subject[] {
  const seen = new Map<string, Subject>();
  for (const b of bindings) {
    for (const s of b.subjects) {
      const subject = s.kind === 'ServiceAccount' && !s.namespace ? { ...s, namespace: b.namespace } : s;
      seen.set(`${subject.kind}/${subject.namespace ?? ''}/${subject.name}`, subject);
    }
  }
  return [...seen.values()];
}

export async function explainAccess(
  cache: ClusterCache,
  kube: UserKube,
  who: Identity,
  q: WhyQuery,
): Promise<WhyAnswer> {
  const [review, elevation, rbac] = await Promise.all([
    selfReview(kube, q),
    elevationAnswer(who, cache.name),
    visibleRbac(cache, who, q.namespace),
  ]);
  const req = { ...q, namespace: q.namespace };
  const grants = grantsFor(everyone(rbac.bindings), req, rbac.bindings, rbac.roles);
  const readableRoles = new Set(rbac.roles.map(roleKey));
  const unreadableRoles = rbac.bindings.filter(
    (b) =>
      (b.kind === 'ClusterRoleBinding' || b.namespace === q.namespace) &&
      b.subjects.length > 0 &&
      !readableRoles.has(roleKeyOf(b)) &&
      rbac.hidden.includes(b.roleRef.kind === 'Role' ? 'roles' : 'clusterroles'),
  ).length;
  const answer: Omit<WhyAnswer, 'words'> = {
    request: q,
    target: accessTarget(q),
    allowed: review.allowed,
    ...(review.reason ? { reason: review.reason } : {}),
    elevation,
    grants: whyBindings(grants, personSubjects(who.user, who.groups)),
    hidden: rbac.hidden,
    unreadableRoles,
  };
  return { ...answer, words: whyWords(answer) };
}
