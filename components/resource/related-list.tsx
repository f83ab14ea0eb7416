'use client';

import Link from 'next/link';

import { kindById } from '@/lib/k8s/kinds';
import type { BaseSummary, Column, RelatedSpec } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { relatedListParams } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { ResourceCell } from '@/components/resource/resource-cell';
import { useNow } from '@/components/resource/use-now';
import { useResourceList } from '@/components/resource/use-resource-list';

/**
 * Objects of another kind related to this one (a Service's pods, a node's pods, a PVC's pods…),
 * read through the per-user list API, so a person sees only what they may read. Up to 500.
 */
export function RelatedList({
  cluster,
  spec,
  object,
  namespace,
}: {
  cluster: string;
  spec: RelatedSpec;
  object: KubeObject;
  namespace?: string;
}) {
  const kind = kindById(spec.kind);
  let selector: string | null = '';
  try {
    selector = spec.selector ? spec.selector(object) : '';
  } catch {
    selector = null; // a selector the API would have rejected matches nothing, never everything
  }
  const list = useResourceList(cluster, spec.kind, relatedListParams(spec, namespace, selector), {
    enabled: selector !== null && kind !== undefined,
  });
  const now = useNow((list.data?.items ?? []).map((c) => c.createdAt));
  if (!kind) return null;
  const rows = selector === null ? [] : (list.data?.items ?? []).filter((c) => !spec.match || spec.match(object, c));
  const columns = (kind.columns ?? []).slice(0, 4) as readonly Column<BaseSummary>[];
  return (
    <div data-testid={`related-${spec.kind}`}>
      <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {spec.title} <span className="font-normal normal-case">({list.isLoading ? '…' : rows.length})</span>
      </h3>
      {list.error ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{list.error.message}</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-400 dark:text-slate-500">{list.isLoading ? 'Loading…' : 'None'}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((r) => (
              <tr key={r.uid}>
                <td className="py-1 pr-3 font-mono text-xs">
                  {kind.detail || kind.id === 'pods' ? (
                    <Link
                      href={routes.object(cluster, kind.id, kind.namespaced ? r.namespace : undefined, r.name)}
                      prefetch={false}
                      className="text-sky-700 hover:underline dark:text-sky-400"
                    >
                      {spec.allNamespaces && r.namespace ? `${r.namespace}/` : ''}
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                </td>
                {columns.map((c) => (
                  <td key={c.id} className="py-1 pr-3">
                    <ResourceCell column={c} row={r} now={now} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
