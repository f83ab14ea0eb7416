'use client';

import Link from 'next/link';

import type { KindPanelProps } from '@/components/kinds/types';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { DetailTableView } from '@/components/resource/detail-parts';
import { Section } from '@/components/resource/section';
import { useLiveObject } from '@/components/resource/use-live-object';
import { roleRefText, subjectHref, type BindingSummary } from '@/lib/k8s/kinds/rolebindings';
import { RULE_COLUMNS, ruleRows, rulesDigest, rulesOf } from '@/lib/k8s/rbac';

// A RoleBinding's or ClusterRoleBinding's subjects (ServiceAccounts linked) and what it grants: the
// bound role's rules, read through the object API as the person (a role they may not read says so),
// live: an edit of the role shows here as it lands.

function Subjects({ cluster, s }: { cluster: string; s: BindingSummary }) {
  if (!s.subjects.length) return <p className="text-sm text-slate-500 dark:text-slate-400">No subjects.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="binding-subjects-table">
      <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-4 font-medium">Kind</th>
          <th className="py-1 pr-4 font-medium">Name</th>
          <th className="py-1 font-medium">Namespace</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {s.subjects.map((x) => {
          const href = subjectHref(cluster, x, s.namespace);
          return (
            <tr key={`${x.kind}/${x.namespace ?? ''}/${x.name}`}>
              <td className="py-1 pr-4 text-slate-700 dark:text-slate-200">{x.kind}</td>
              <td className="py-1 pr-4 font-mono text-xs text-slate-800 dark:text-slate-100">
                {href ? (
                  <Link href={href} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
                    {x.name}
                  </Link>
                ) : (
                  x.name
                )}
              </td>
              <td className="py-1 font-mono text-xs text-slate-600 dark:text-slate-300">
                {x.kind === 'ServiceAccount' ? (x.namespace ?? s.namespace) : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function BindingPanel({ cluster, namespace, summary }: KindPanelProps) {
  const s = summary as BindingSummary;
  const roleKind = s.roleRef.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
  const roleNs = roleKind === 'roles' ? (namespace ?? '') : '';
  useLiveUpdates([`${cluster}:${roleKind}:${roleNs}:${s.roleRef.name}`]);
  const role = useLiveObject(cluster, roleKind, roleNs, s.roleRef.name);
  const rules = role.object ? rulesOf(role.object) : [];
  return (
    <>
      <Section title="Subjects" testId="binding-subjects" meta={`${s.subjects.length}`}>
        <Subjects cluster={cluster} s={s} />
      </Section>
      <Section title={`What it grants: ${roleRefText(s)}`} testId="binding-grants">
        {role.error ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{role.error.message}</p>
        ) : role.isLoading ? (
          <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm text-slate-700 dark:text-slate-200">
              Allows <span className="font-medium">{rulesDigest(rules)}</span>
              {s.namespace ? ` in namespace ${s.namespace}` : ' in every namespace and cluster-wide'}.
            </p>
            <DetailTableView
              table={{ id: 'granted-rules', title: 'Rules', columns: RULE_COLUMNS, rows: ruleRows(rules) }}
            />
          </div>
        )}
      </Section>
    </>
  );
}
