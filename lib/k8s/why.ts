import type { WorkloadAction } from '@/lib/k8s/kinds/descriptor';
import { groupLabel, subjectText, type AccessRequest, type Grant, type Subject } from '@/lib/k8s/rbac';
import type { WhyQuery } from '@/lib/k8s/why-query';

// "Why can't I …?" (issue 15, item 4): the request Kubernetes refused, whether elevation would
// change it, and which bindings grant it — as data and as plain words. Pure: the server asks the
// questions (server/k8s/why.ts), this file says what the answers mean. The route's query schema is
// in lib/k8s/why-query.ts, so that the browser, which loads this file, does not load zod.

export type { WhyQuery };

/** The RBAC request behind a workload action (what server/k8s/actions/permissions.ts asks). */
export function workloadActionAccess(kind: string, action: WorkloadAction, namespace: string, name: string): WhyQuery {
  if (action === 'scale')
    return { verb: 'update', group: 'apps', resource: kind, subresource: 'scale', namespace, name };
  return { verb: 'patch', group: 'apps', resource: kind, namespace, name };
}

/** The RBAC request behind changing an autoscaler's range. */
export function hpaEditAccess(namespace: string, name: string): WhyQuery {
  return { verb: 'patch', group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace, name };
}

/** "update deployments/scale" — the words `kubectl auth can-i` takes. */
export function accessText(q: Pick<AccessRequest, 'verb' | 'resource' | 'subresource'>): string {
  return `${q.verb} ${q.resource}${q.subresource ? `/${q.subresource}` : ''}`;
}

/** "update deployments/scale (apps) on storefront in namespace shop-frontend". */
export function accessTarget(q: WhyQuery): string {
  const parts = [`${accessText(q)} (${groupLabel(q.group)})`];
  if (q.name) parts.push(`on ${q.name}`);
  parts.push(q.namespace ? `in namespace ${q.namespace}` : 'cluster-wide');
  return parts.join(' ');
}

/** The RBAC kinds the explanation reads, as the person would need to list them. */
export type RbacKindId = 'rolebindings' | 'roles' | 'clusterrolebindings' | 'clusterroles';
export const RBAC_KIND_TITLES: Record<RbacKindId, string> = {
  rolebindings: 'RoleBindings',
  roles: 'Roles',
  clusterrolebindings: 'ClusterRoleBindings',
  clusterroles: 'ClusterRoles',
};

export interface WhyBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace?: string;
  name: string;
  role: { kind: string; name: string };
  /** Everyone the binding names ("Group wheelhouse:operators"). */
  subjects: string[];
  /** The binding names the person (their user or one of their groups). */
  yours: boolean;
}

export type ElevationAnswer =
  | { mode: 'off' }
  | { mode: 'required'; active: boolean }
  /** The audit store did not answer. */
  | { mode: 'unknown' };

export interface WhyAnswer {
  request: WhyQuery;
  /** "update deployments/scale (apps) on storefront in namespace shop-frontend". */
  target: string;
  /** The SelfSubjectAccessReview's answer, asked as the person. */
  allowed: boolean;
  /** The API server's reason, when it gave one (RBAC's "allowed by ClusterRoleBinding …"). */
  reason?: string;
  elevation: ElevationAnswer;
  /** Bindings (of those the person may read) that grant the request. */
  grants: WhyBinding[];
  /** RBAC kinds the person may not list: what grants it there is not shown. */
  hidden: RbacKindId[];
  /** Bindings the person may read whose role they may not: whether they grant it is unknown. */
  unreadableRoles: number;
  /** The answer in sentences, first the one that matters. */
  words: string[];
}

/** The bindings of `grantsFor` as the answer shows them; the person's own first. */
export function whyBindings(grants: readonly Grant[], person: readonly Subject[]): WhyBinding[] {
  const seen = new Set<string>();
  const out: WhyBinding[] = [];
  for (const g of grants) {
    const b = g.binding;
    const key = `${b.kind}/${b.namespace ?? ''}/${b.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      kind: b.kind,
      ...(b.namespace ? { namespace: b.namespace } : {}),
      name: b.name,
      role: { kind: b.roleRef.kind, name: b.roleRef.name },
      subjects: b.subjects.map((s) => subjectText(s, b.namespace)),
      yours: person.some((p) => b.subjects.some((s) => s.kind === p.kind && s.name === p.name)),
    });
  }
  return out.sort((a, b) => Number(b.yours) - Number(a.yours) || (a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0));
}

/** The person as RBAC subjects: their user, their groups, and everyone signed in. */
export function personSubjects(user: string, groups: readonly string[]): Subject[] {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  const self: Subject = sa ? { kind: 'ServiceAccount', namespace: sa[1], name: sa[2]! } : { kind: 'User', name: user };
  const all = new Set([...groups, 'system:authenticated']);
  return [self, ...[...all].map((name) => ({ kind: 'Group', name }))];
}

function list(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

function bindingText(b: WhyBinding): string {
  const where = b.namespace ? `RoleBinding ${b.name}` : `ClusterRoleBinding ${b.name}`;
  return `${where} (${b.role.kind} ${b.role.name}) → ${b.subjects.length ? b.subjects.join(', ') : 'nobody'}`;
}

/** Kubernetes' own bindings (controllers, system:masters): true, but rarely the answer a person wants. */
export function isSystemBinding(b: Pick<WhyBinding, 'name'>): boolean {
  return b.name.startsWith('system:') || b.name === 'cluster-admin';
}

/** The explanation in sentences. */
export function whyWords(a: Omit<WhyAnswer, 'words'>): string[] {
  const what = accessText(a.request);
  const where = a.request.namespace ? ` in namespace ${a.request.namespace}` : ' cluster-wide';
  const words: string[] = [];
  if (a.allowed) {
    words.push(
      `Kubernetes allows you to ${what}${where} now. The button follows an answer cached for a few seconds: reload the page.`,
    );
  } else {
    words.push(`Kubernetes refused you ${what}${where}${a.request.name ? ` (on ${a.request.name})` : ''}.`);
  }
  if (a.elevation.mode === 'off') {
    if (!a.allowed) words.push('Elevation would not change this: it is not used here, and it never grants rights.');
  } else if (a.elevation.mode === 'required') {
    if (!a.allowed) {
      words.push(
        'Enabling changes (elevation) would not help: it grants no Kubernetes rights, it only unlocks what RBAC already allows you.',
      );
    } else if (!a.elevation.active) {
      words.push('Changes are locked on this dashboard: enable changes, with a reason, before you act.');
    }
  } else {
    words.push('Whether changes need enabling first is unknown: the audit log did not answer.');
  }
  const others = a.grants.filter((g) => !g.yours);
  if (a.grants.length) {
    const mine = a.grants.filter((g) => g.yours);
    if (mine.length) words.push(`Granted to you by ${list(mine.map(bindingText))}.`);
    const system = others.filter(isSystemBinding);
    const people = others.filter((g) => !isSystemBinding(g));
    if (people.length) words.push(`Granted to others by ${list(people.map(bindingText))}.`);
    if (system.length) {
      words.push(
        system.length === 1
          ? `Also by Kubernetes' own binding ${system[0]!.name}.`
          : `Also by ${system.length} of Kubernetes' own bindings (${list(system.map((g) => g.name))}).`,
      );
    }
    if (!a.allowed && people.length) {
      words.push('Ask to be added to one of these groups, or ask an operator to do it for you.');
    }
  }
  if (a.hidden.length) {
    const kinds = list(a.hidden.map((k) => RBAC_KIND_TITLES[k]));
    words.push(
      a.grants.length
        ? `There may be more: you may not read ${kinds}.`
        : `Ask an operator: the roles that grant it are not visible to you (you may not read ${kinds}).`,
    );
  } else if (!a.grants.length) {
    words.push(
      a.unreadableRoles
        ? `No binding you can read grants it; ${a.unreadableRoles} name roles you may not read. Ask an operator.`
        : `No RoleBinding${a.request.namespace ? ` in ${a.request.namespace}` : ''} or ClusterRoleBinding grants it to anyone. Ask an operator.`,
    );
  }
  return words;
}
