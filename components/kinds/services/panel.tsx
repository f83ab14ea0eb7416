'use client';

import Link from 'next/link';

import type { KindPanelProps } from '@/components/kinds/types';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ServiceLikeObject } from '@/lib/k8s/kinds/service-detail';
import { endpointsByPort, type PortEndpoints } from '@/lib/k8s/status/service-endpoints';
import { routes } from '@/lib/routes';

// A Service's endpoints per port: which pod addresses take traffic (ready) and which do not yet
// (not ready), from its Endpoints object read as the person. The shell's stream subscription to the
// Service's related kinds (Endpoints) keeps the list live.

export function ServicePanel({ cluster, namespace, name, object }: KindPanelProps) {
  const svc = object as unknown as ServiceLikeObject;
  const type = svc.spec?.type ?? 'ClusterIP';
  const list = useResourceList(cluster, 'endpoints', {
    namespaces: namespace ? [namespace] : [],
    limit: 500,
  });
  const endpoints = list.data?.items.find((e) => e.name === name);
  const rows = endpointsByPort(svc.spec?.ports ?? [], endpoints?.subsets ?? []);
  const ready = rows.reduce((n, r) => n + r.ready.length, 0);
  const notReady = rows.reduce((n, r) => n + r.notReady.length, 0);
  let body;
  if (type === 'ExternalName') body = <Note>An ExternalName Service has no endpoints: DNS points elsewhere.</Note>;
  else if (list.error) body = <Note>{list.error.message}</Note>;
  else if (list.isLoading) body = <Note>Loading…</Note>;
  else if (!endpoints) body = <Note>No Endpoints object: without a selector, someone has to write one.</Note>;
  else
    body = (
      <table className="w-full text-left text-sm" data-testid="service-endpoints">
        <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-4 font-medium">Port</th>
            <th className="py-1 pr-4 font-medium">Ready</th>
            <th className="py-1 font-medium">Not ready</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <PortRow key={r.servicePort} row={r} cluster={cluster} namespace={namespace} />
          ))}
        </tbody>
      </table>
    );
  return (
    <Section
      title="Endpoints"
      testId="section-endpoints"
      meta={endpoints ? `${ready} ready, ${notReady} not ready` : undefined}
    >
      {body}
    </Section>
  );
}

function Note({ children }: { children: string }) {
  return <p className="text-sm text-slate-500 dark:text-slate-400">{children}</p>;
}

function PortRow({ row, cluster, namespace }: { row: PortEndpoints; cluster: string; namespace?: string }) {
  const cell = (items: PortEndpoints['ready'], tone: 'green' | 'amber') =>
    items.length ? (
      <ul className="flex flex-col gap-0.5">
        {items.map((a) => (
          <li key={a.hostPort} className="flex flex-wrap items-center gap-2 font-mono text-xs">
            <StatusBadge tone={tone}>{a.hostPort}</StatusBadge>
            {a.pod ? (
              <Link
                href={routes.object(cluster, 'pods', namespace, a.pod)}
                prefetch={false}
                className="text-sky-700 hover:underline dark:text-sky-400"
              >
                {a.pod}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    ) : (
      <span className="text-xs text-slate-400 dark:text-slate-500">none</span>
    );
  return (
    <tr data-port={row.servicePort}>
      <td className="py-1.5 pr-4 align-top font-mono text-xs text-slate-700 dark:text-slate-200">{row.servicePort}</td>
      <td className="py-1.5 pr-4 align-top">
        {row.ready.length ? (
          cell(row.ready, 'green')
        ) : (
          <span className="text-xs text-amber-700 dark:text-amber-300">
            None: no ready pod, this port gets no traffic
          </span>
        )}
      </td>
      <td className="py-1.5 align-top">{cell(row.notReady, 'amber')}</td>
    </tr>
  );
}
