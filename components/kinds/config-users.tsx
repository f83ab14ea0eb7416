'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { Section } from '@/components/resource/section';
import type { ReferencedKind } from '@/lib/k8s/pod-references';
import { configReferencesOptions } from '@/lib/query/config';
import { routes } from '@/lib/routes';

/** "Used by": the workloads and pods whose pod spec reads this ConfigMap or Secret, and how. */
export function ConfigUsers({
  cluster,
  kindId,
  refKind,
  namespace,
  name,
}: {
  cluster: string;
  kindId: string;
  refKind: ReferencedKind;
  namespace: string;
  name: string;
}) {
  const q = useQuery(configReferencesOptions(cluster, kindId, { kind: refKind, namespace, name }));
  const items = q.data?.items ?? [];
  return (
    <Section title="Used by" testId="config-users" meta={q.data ? `${items.length}` : undefined}>
      {q.error ? (
        <p className="text-sm text-red-700 dark:text-red-400">{q.error.message}</p>
      ) : q.isLoading ? (
        <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No workload or pod you may read in {namespace} uses this {refKind}.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <th className="py-1 pr-3 font-medium">Kind</th>
              <th className="py-1 pr-3 font-medium">Name</th>
              <th className="py-1 font-medium">How</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.map((r) => (
              <tr key={`${r.kind}/${r.name}`} data-testid="config-user">
                <td className="py-1 pr-3 text-slate-600 dark:text-slate-300">{r.kindTitle}</td>
                <td className="py-1 pr-3 font-mono text-xs">
                  <Link
                    href={routes.object(cluster, r.kind, r.namespace, r.name)}
                    prefetch={false}
                    className="text-sky-700 hover:underline dark:text-sky-400"
                  >
                    {r.name}
                  </Link>
                </td>
                <td className="py-1 font-mono text-xs text-slate-600 dark:text-slate-300">{r.uses.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.data?.unreadable.length ? (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Not checked (you may not list them here): {q.data.unreadable.join(', ')}.
        </p>
      ) : null}
    </Section>
  );
}
