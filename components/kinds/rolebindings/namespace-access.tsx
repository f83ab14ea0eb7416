'use client';

import Link from 'next/link';
import { useState } from 'react';

import type { KindPanelProps } from '@/components/kinds/types';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import { namespaceAccessRows, type AccessRow } from '@/lib/k8s/kinds/rolebindings';

// "Who is bound to what" in a namespace: every subject of its RoleBindings and of the
// ClusterRoleBindings (which apply in every namespace), with the role and what it allows. Read as
// the person through the list API and live from the stream; Kubernetes' own system: bindings fold away.

const LIMIT = 1000;

function MaybeLink({ href, children }: { href?: string; children: string }) {
  if (!href) return <>{children}</>;
  return (
    <Link href={href} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
      {children}
    </Link>
  );
}

function Rows({ rows, testId }: { rows: readonly AccessRow[]; testId: string }) {
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-4 font-medium">Subject</th>
          <th className="py-1 pr-4 font-medium">Role</th>
          <th className="py-1 pr-4 font-medium">Allows</th>
          <th className="py-1 font-medium">Bound by</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((r) => (
          <tr key={`${r.binding}\u0000${r.subject}`} data-subject={r.subject}>
            <td className="py-1 pr-4 font-mono text-xs text-slate-800 dark:text-slate-100">
              <MaybeLink href={r.subjectHref}>{r.subject}</MaybeLink>
            </td>
            <td className="py-1 pr-4 font-mono text-xs text-slate-800 dark:text-slate-100">
              <MaybeLink href={r.roleHref}>{r.role}</MaybeLink>
            </td>
            <td className="py-1 pr-4 text-slate-700 dark:text-slate-200">
              {r.allows ?? <span className="text-slate-400 dark:text-slate-500">role not readable</span>}
            </td>
            <td className="py-1 font-mono text-xs text-slate-600 dark:text-slate-300">
              <MaybeLink href={r.bindingHref}>{r.binding}</MaybeLink>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NamespaceAccess({ cluster, namespace }: { cluster: string; namespace: string }) {
  const [showSystem, setShowSystem] = useState(false);
  useLiveUpdates([
    `${cluster}:rolebindings:${namespace}`,
    `${cluster}:roles:${namespace}`,
    `${cluster}:clusterrolebindings`,
    `${cluster}:clusterroles`,
  ]);
  const ns = { namespaces: [namespace], limit: LIMIT };
  const roleBindings = useResourceList(cluster, 'rolebindings', ns);
  const roles = useResourceList(cluster, 'roles', ns);
  const clusterRoleBindings = useResourceList(cluster, 'clusterrolebindings', { limit: LIMIT });
  const clusterRoles = useResourceList(cluster, 'clusterroles', { limit: LIMIT });
  const lists = [roleBindings, roles, clusterRoleBindings, clusterRoles];
  const error = lists.find((l) => l.error)?.error;
  const loading = lists.some((l) => l.isLoading);
  const rows = namespaceAccessRows(cluster, namespace, {
    roleBindings: roleBindings.data?.items ?? [],
    clusterRoleBindings: clusterRoleBindings.data?.items ?? [],
    roles: roles.data?.items ?? [],
    clusterRoles: clusterRoles.data?.items ?? [],
  });
  const local = rows.filter((r) => r.scope === 'namespace');
  const everywhere = rows.filter((r) => r.scope === 'cluster');
  const hidden = everywhere.filter((r) => r.system).length;
  const shown = showSystem ? everywhere : everywhere.filter((r) => !r.system);
  const crbDenied = clusterRoleBindings.data?.denied === true;
  return (
    <Section title="Who is bound to what" testId="namespace-access">
      {error ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{error.message}</p>
      ) : loading ? (
        <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
      ) : (
        <div className="flex flex-col gap-4">
          <div>
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
              RoleBindings in {namespace}
            </h3>
            {local.length ? (
              <Rows rows={local} testId="namespace-access-local" />
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="namespace-access-local-empty">
                No RoleBindings you may read in {namespace}.
              </p>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
              ClusterRoleBindings (apply in every namespace)
            </h3>
            {crbDenied ? (
              <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="namespace-access-cluster-denied">
                You may not list ClusterRoleBindings, so bindings that apply cluster-wide are not shown.
              </p>
            ) : (
              <>
                {shown.length ? <Rows rows={shown} testId="namespace-access-cluster" /> : null}
                {hidden ? (
                  <button
                    type="button"
                    className="mt-2 text-xs text-sky-700 hover:underline dark:text-sky-400"
                    onClick={() => setShowSystem((v) => !v)}
                  >
                    {showSystem ? 'Hide' : 'Show'} {hidden} built-in system: binding{hidden === 1 ? '' : 's'}
                  </button>
                ) : null}
                {!shown.length && !hidden ? <p className="text-sm text-slate-500 dark:text-slate-400">None.</p> : null}
              </>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

/** On the Namespace page (components/kinds/index.ts KIND_EXTRA_PANELS): the namespace is the object. */
export function NamespaceAccessPanel({ cluster, name }: KindPanelProps) {
  return <NamespaceAccess cluster={cluster} namespace={name} />;
}
