import * as z from 'zod/mini';

import type { KubeObject } from '@/lib/k8s/object';

// RBAC as data: the rules of Roles and ClusterRoles, who Bindings name, and the join of the two
// ("subjects → roles → rules"). Pure, so the detail pages, the namespace's "who is bound to what" and
// issue 15's "why can't I?" (which bindings grant `update deployments/scale`) read the same answers.
// Matching mirrors the API server's authorizer:
// https://github.com/kubernetes/kubernetes/blob/v1.20.0/pkg/apis/rbac/v1/evaluation_helpers.go
// https://github.com/kubernetes/kubernetes/blob/v1.20.0/pkg/registry/rbac/validation/rule.go (appliesToUser)
//
// The schemas are zod/mini: the Role and binding descriptors parse objects with them on the server
// (summaries, "why can't I?") and in the browser (a role's rules table); the browser gets about half
// the bytes full zod costs (ADR 0018, "Full zod stays on the server").

const stringList = z.array(z.string());

/** One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). */
export const policyRuleSchema = z.object({
  verbs: stringList,
  apiGroups: z.optional(stringList),
  resources: z.optional(stringList),
  resourceNames: z.optional(stringList),
  nonResourceURLs: z.optional(stringList),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

export const roleRefSchema = z.object({
  apiGroup: z.optional(z.string()),
  kind: z.string(),
  name: z.string(),
});
export type RoleRef = z.infer<typeof roleRefSchema>;

export const subjectSchema = z.object({
  kind: z.string(),
  name: z.string(),
  namespace: z.optional(z.string()),
  apiGroup: z.optional(z.string()),
});
export type Subject = z.infer<typeof subjectSchema>;

export type RoleKind = 'Role' | 'ClusterRole';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

export interface RoleLike {
  kind: RoleKind;
  /** Undefined for ClusterRoles. */
  namespace?: string;
  name: string;
  rules: PolicyRule[];
}

export interface BindingLike {
  kind: BindingKind;
  /** Undefined for ClusterRoleBindings. */
  namespace?: string;
  name: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

/** The rules of a Role or ClusterRole object; malformed rules are dropped (zod at the boundary). */
export function rulesOf(obj: KubeObject): PolicyRule[] {
  const raw = Array.isArray(obj.rules) ? obj.rules : [];
  return raw.flatMap((r) => {
    const parsed = policyRuleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

export function roleRefOf(obj: KubeObject): RoleRef | undefined {
  const parsed = roleRefSchema.safeParse(obj.roleRef);
  return parsed.success ? parsed.data : undefined;
}

export function subjectsOf(obj: KubeObject): Subject[] {
  const raw = Array.isArray(obj.subjects) ? obj.subjects : [];
  return raw.flatMap((s) => {
    const parsed = subjectSchema.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The label selectors of an aggregated ClusterRole (`aggregationRule.clusterRoleSelectors`). */
export function aggregationSelectorsOf(obj: KubeObject): {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}[] {
  const rule = obj.aggregationRule as { clusterRoleSelectors?: unknown } | undefined;
  return Array.isArray(rule?.clusterRoleSelectors) ? rule.clusterRoleSelectors : [];
}

export function roleOf(obj: KubeObject, kind: RoleKind): RoleLike {
  return { kind, namespace: obj.metadata.namespace, name: obj.metadata.name, rules: rulesOf(obj) };
}

export function bindingOf(obj: KubeObject, kind: BindingKind): BindingLike | undefined {
  const roleRef = roleRefOf(obj);
  if (!roleRef) return undefined;
  return {
    kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    roleRef,
    subjects: subjectsOf(obj),
  };
}

// ——— words ———

/** "core" for the empty (legacy) API group, as people say it. */
export function groupLabel(group: string): string {
  return group === '' ? 'core' : group;
}

function listText(values: readonly string[] | undefined, all: string): string {
  if (!values || values.length === 0) return all;
  return values.join(', ');
}

export const RULE_COLUMNS = ['Verbs', 'Resources', 'API groups', 'Resource names'] as const;

/**
 * A Role's rules as table rows (verbs × resources × API groups × resource names), in the order the
 * role lists them. Non-resource rules (`/healthz`, `/metrics`) show their URLs as resources.
 */
export function ruleRows(rules: readonly PolicyRule[]): string[][] {
  return rules.map((r) => {
    if (r.nonResourceURLs?.length && !r.resources?.length) {
      return [listText(r.verbs, '—'), `URLs: ${r.nonResourceURLs.join(', ')}`, '—', '—'];
    }
    return [
      listText(r.verbs, '—'),
      listText(r.resources, '—'),
      r.apiGroups?.length ? r.apiGroups.map(groupLabel).join(', ') : '—',
      listText(r.resourceNames, 'any'),
    ];
  });
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/**
 * One line for what a set of rules allows, for lists and the namespace's "who is bound to what":
 * "everything", "read 12 resources", "read, write 3 resources (pods, pods/log, services)".
 */
export function rulesDigest(rules: readonly PolicyRule[]): string {
  if (rules.length === 0) return 'nothing';
  const everything = rules.some(
    (r) => r.verbs.includes('*') && r.resources?.includes('*') && (r.apiGroups?.includes('*') ?? false),
  );
  if (everything) return 'everything';
  const verbs = new Set(rules.flatMap((r) => r.verbs));
  const resources = new Set(rules.flatMap((r) => r.resources ?? []));
  const urls = rules.reduce((n, r) => n + (r.nonResourceURLs?.length ?? 0), 0);
  const writes = [...verbs].filter((v) => !READ_VERBS.has(v));
  const how = verbs.has('*')
    ? 'all verbs on'
    : writes.length === 0
      ? 'read'
      : `${[...verbs].filter((v) => READ_VERBS.has(v)).length ? 'read, ' : ''}${writes.sort().join(', ')}`;
  const parts: string[] = [];
  if (resources.size) {
    const names = [...resources];
    const shown = names.length <= 3 ? ` (${names.join(', ')})` : '';
    const what = resources.has('*') ? 'all resources' : `${names.length} resource${names.length === 1 ? '' : 's'}`;
    parts.push(`${how} ${what}${resources.has('*') ? '' : shown}`);
  }
  if (urls) parts.push(`${urls} URL${urls === 1 ? '' : 's'}`);
  return parts.join('; ') || 'nothing';
}

/** "Group wheelhouse:developers", "ServiceAccount shop-frontend/deployer". */
export function subjectText(s: Subject, bindingNamespace?: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount ${s.namespace ?? bindingNamespace ?? ''}/${s.name}`;
  return `${s.kind} ${s.name}`;
}

// ——— the join ———

/** The role a binding grants: a RoleBinding's Role lives in the binding's namespace. */
export function roleKeyOf(binding: Pick<BindingLike, 'namespace' | 'roleRef'>): string {
  return binding.roleRef.kind === 'Role'
    ? `Role/${binding.namespace ?? ''}/${binding.roleRef.name}`
    : `ClusterRole//${binding.roleRef.name}`;
}

export function roleKey(role: RoleRefLike): string {
  return role.kind === 'Role' ? `Role/${role.namespace ?? ''}/${role.name}` : `ClusterRole//${role.name}`;
}

/**
 * Does a binding's subject stand for this one? A ServiceAccount subject without a namespace means
 * the binding's own namespace (appliesToUser).
 */
export function subjectMatches(subject: Subject, bindingNamespace: string | undefined, who: Subject): boolean {
  if (subject.kind !== who.kind || subject.name !== who.name) return false;
  if (subject.kind !== 'ServiceAccount') return true;
  const ns = subject.namespace || bindingNamespace;
  return ns !== undefined && ns !== '' && ns === who.namespace;
}

/** The bindings that name a subject (a ServiceAccount's page: "bound by"). */
export function bindingsNaming<B extends Pick<BindingLike, 'namespace' | 'subjects'>>(
  bindings: readonly B[],
  who: Subject,
): B[] {
  return bindings.filter((b) => b.subjects.some((s) => subjectMatches(s, b.namespace, who)));
}

export type RoleRefLike = Pick<RoleLike, 'kind' | 'namespace' | 'name'>;

export interface Grant<R extends RoleRefLike = RoleLike> {
  subject: Subject;
  binding: BindingLike;
  /** The granted role (its rules, or a summary); undefined when it is missing or the person may not read it. */
  role?: R;
  /** 'namespace' for a RoleBinding, 'cluster' for a ClusterRoleBinding (applies in every namespace). */
  scope: 'namespace' | 'cluster';
}

/**
 * Who is bound to what in a namespace: every subject of the namespace's RoleBindings and of every
 * ClusterRoleBinding, with the role it is granted. Subjects first, then bindings, then roles, sorted.
 */
export function namespaceGrants<R extends RoleRefLike>(
  namespace: string,
  bindings: readonly BindingLike[],
  roles: readonly R[],
): Grant<R>[] {
  const byKey = new Map(roles.map((r) => [roleKey(r), r]));
  const out: Grant<R>[] = [];
  for (const b of bindings) {
    const scope = b.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace';
    if (scope === 'namespace' && b.namespace !== namespace) continue;
    const role = byKey.get(roleKeyOf(b));
    for (const subject of b.subjects) {
      const s =
        subject.kind === 'ServiceAccount' && !subject.namespace ? { ...subject, namespace: b.namespace } : subject;
      out.push({ subject: s, binding: b, role, scope });
    }
  }
  const key = (g: Grant<R>) =>
    `${g.scope === 'namespace' ? 0 : 1}\u0000${subjectText(g.subject)}\u0000${g.binding.name}\u0000${g.binding.roleRef.name}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A request as the authorizer sees it (`kubectl auth can-i update deployments/scale -n shop`). */
export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  /** Undefined: a cluster-scoped request (only ClusterRoleBindings apply). */
  namespace?: string;
}

function has(values: readonly string[] | undefined, value: string): boolean {
  return (values ?? []).some((v) => v === '*' || v === value);
}

/** RuleAllows for a resource request (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches). */
export function ruleAllows(rule: PolicyRule, req: AccessRequest): boolean {
  if (!has(rule.verbs, req.verb) || !has(rule.apiGroups, req.group)) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resourceOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (req.subresource !== undefined && r === `*/${req.subresource}`),
  );
  if (!resourceOk) return false;
  if (!rule.resourceNames?.length) return true;
  return req.name !== undefined && rule.resourceNames.includes(req.name);
}

/**
 * The bindings that grant a person (a user and their groups, or one ServiceAccount) a request: RoleBindings of the request's namespace and every
 * ClusterRoleBinding whose role has a rule allowing it (issue 15's "why can't I?" names them).
 */
export function grantsFor(
  who: Subject | readonly Subject[],
  req: AccessRequest,
  bindings: readonly BindingLike[],
  roles: readonly RoleLike[],
): Grant[] {
  const people: readonly Subject[] = Array.isArray(who) ? who : [who as Subject];
  const byKey = new Map(roles.map((r) => [roleKey(r), r]));
  const out: Grant[] = [];
  for (const b of bindings) {
    if (b.kind === 'RoleBinding' && (req.namespace === undefined || b.namespace !== req.namespace)) continue;
    const subject = people.find((p) => b.subjects.some((s) => subjectMatches(s, b.namespace, p)));
    if (!subject) continue;
    const role = byKey.get(roleKeyOf(b));
    if (role?.rules.some((r) => ruleAllows(r, req))) {
      out.push({ subject, binding: b, role, scope: b.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace' });
    }
  }
  return out;
}
