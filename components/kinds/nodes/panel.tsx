'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';

import type { KindPanelProps } from '@/components/kinds/types';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { DetailTableView } from '@/components/resource/detail-parts';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { podTone } from '@/lib/k8s/kinds/pods';
import { allocationTable, type NodePodResources } from '@/lib/k8s/node-resources';
import { formatBytes, formatCpu } from '@/lib/k8s/quantity';
import { nodeResourcesOptions } from '@/lib/query/nodes';
import { routes } from '@/lib/routes';

// The Node page's panel: what the pods on it request and may use against what it can allocate, what
// it uses now (metrics.k8s.io, read as the person), and the pods themselves, as `kubectl describe
// node` lists them. Live: the pods on the node come from the tab's stream (their list, narrowed by the
// node's name), and any change among them or to the node refetches the join (lib/query/nodes.ts).

function amounts(a: { cpu?: number; memory?: number }): string {
  return `${a.cpu !== undefined ? formatCpu(a.cpu) : '—'} / ${a.memory !== undefined ? formatBytes(a.memory) : '—'}`;
}

function PodsTable({ cluster, pods }: { cluster: string; pods: readonly NodePodResources[] }) {
  if (!pods.length) return <p className="text-sm text-slate-400 dark:text-slate-500">No pods you may read run here.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="node-pods">
        <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-4 font-medium">Pod</th>
            <th className="py-1 pr-4 font-medium">Status</th>
            <th className="py-1 pr-4 font-medium">Requests (cpu / memory)</th>
            <th className="py-1 font-medium">Limits (cpu / memory)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {pods.map((p) => (
            <tr key={`${p.namespace}/${p.name}`} data-testid="node-pod">
              <td className="py-1.5 pr-4 font-mono text-xs">
                <Link
                  href={routes.object(cluster, 'pods', p.namespace, p.name)}
                  prefetch={false}
                  className="text-sky-700 hover:underline dark:text-sky-400"
                >
                  {p.namespace}/{p.name}
                </Link>
              </td>
              <td className="py-1.5 pr-4">
                <StatusBadge tone={podTone(p)}>{p.status}</StatusBadge>
              </td>
              <td className="py-1.5 pr-4 font-mono text-xs text-slate-700 dark:text-slate-200">
                {amounts(p.requests)}
              </td>
              <td className="py-1.5 font-mono text-xs text-slate-700 dark:text-slate-200">{amounts(p.limits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NodePanel({ cluster, name, object, summary }: KindPanelProps) {
  useLiveUpdates([`${cluster}:pods`]);
  const queryClient = useQueryClient();
  const res = useQuery(nodeResourcesOptions(cluster, name));
  // The pods list searches node names too; the exact set (and their sums) comes from the join.
  const live = useResourceList(cluster, 'pods', { q: name, limit: 1000 });
  const signature = [
    summary.resourceVersion,
    ...(live.data?.items ?? []).filter((p) => p.node === name).map((p) => `${p.uid}@${p.resourceVersion}`),
  ].join(',');
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    void queryClient.invalidateQueries({ queryKey: nodeResourcesOptions(cluster, name).queryKey });
  }, [signature, cluster, name, queryClient]);
  const allocatable = (object.status as { allocatable?: Record<string, string> } | undefined)?.allocatable;
  if (res.error)
    return (
      <Section title="Allocated resources">
        <p className="text-sm text-red-700 dark:text-red-300">{res.error.message}</p>
      </Section>
    );
  if (!res.data)
    return (
      <Section title="Allocated resources">
        <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
      </Section>
    );
  const r = res.data;
  const scope = r.allNamespaces ? '' : ' (the pods you may read)';
  return (
    <>
      <Section
        title="Allocated resources"
        testId="node-allocation"
        meta={`requests and limits of ${r.pods.length} pods${scope}`}
      >
        <div className="flex flex-col gap-2">
          <DetailTableView table={allocationTable(allocatable, r)} />
          <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="node-usage">
            {r.usage.available
              ? `Usage from metrics.k8s.io${r.usage.timestamp ? ` at ${r.usage.timestamp}` : ''}${r.usage.window ? ` over ${r.usage.window}` : ''}.`
              : r.usage.reason}
          </p>
        </div>
      </Section>
      <Section
        title={`Pods on this node (${r.pods.length})`}
        testId="node-pods-section"
        meta={scope.trim() || undefined}
      >
        <PodsTable cluster={cluster} pods={r.pods} />
      </Section>
    </>
  );
}
