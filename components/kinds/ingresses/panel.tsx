'use client';

import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';

import { CertificateStateBadge } from '@/components/certificates/certificate-state-badge';
import type { KindPanelProps } from '@/components/kinds/types';
import { Section } from '@/components/resource/section';
import { useNow } from '@/components/resource/use-now';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { backendText, ingressRoutes, type IngressLikeObject, type IngressRoute } from '@/lib/k8s/kinds/ingress-detail';
import type { IngressSummary } from '@/lib/k8s/kinds/ingresses';
import { ingressTlsStates } from '@/lib/k8s/status/ingress-tls';
import { ApiError } from '@/lib/query/fetch';
import { resourceObjectOptions } from '@/lib/query/options';
import { routes } from '@/lib/routes';

// An Ingress read as a person: each host → path → backend Service (linked; flagged when it does not
// exist), and each TLS entry's certificate state with the certificates screen's rules. Everything
// is read as the person: Services and cert-manager Certificates through the list API, each named TLS
// Secret through its object API (403 where they may not read Secrets: expiry then comes from
// cert-manager's status, as on the certificates screen).

const cellClass = 'py-1.5 pr-4 align-top font-mono text-xs text-slate-700 dark:text-slate-200';
const headClass = 'text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400';

export function IngressPanel({ cluster, namespace, object, summary }: KindPanelProps) {
  const ing = object as unknown as IngressLikeObject;
  const ns = namespace ?? '';
  const services = useResourceList(cluster, 'services', { namespaces: [ns], limit: 500 });
  const rows = ingressRoutes(ing.spec);
  const existing = services.error ? undefined : new Set((services.data?.items ?? []).map((s) => s.name));
  return (
    <>
      <Section title="Routes" testId="section-routes">
        {rows.length ? (
          <table className="w-full text-left text-sm" data-testid="ingress-routes">
            <thead className={headClass}>
              <tr>
                <th className="py-1 pr-4 font-medium">Host</th>
                <th className="py-1 pr-4 font-medium">Path</th>
                <th className="py-1 pr-4 font-medium">Path type</th>
                <th className="py-1 font-medium">Backend</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((r) => (
                <tr key={`${r.host} ${r.path} ${r.pathType}`} data-host={r.host} data-path={r.path}>
                  <td className={cellClass}>{r.host}</td>
                  <td className={cellClass}>{r.path}</td>
                  <td className="py-1.5 pr-4 align-top text-xs text-slate-600 dark:text-slate-300">{r.pathType}</td>
                  <td className="py-1.5 align-top">
                    <BackendCell cluster={cluster} namespace={ns} route={r} existing={existing} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No rules: every request goes to the default backend.
          </p>
        )}
      </Section>
      <TlsSection cluster={cluster} namespace={ns} ingress={ing} summary={summary as IngressSummary} />
    </>
  );
}

function BackendCell({
  cluster,
  namespace,
  route,
  existing,
}: {
  cluster: string;
  namespace: string;
  route: IngressRoute;
  existing: Set<string> | undefined;
}) {
  const service = route.backend.service;
  if (!service) return <span className={cellClass}>{backendText(route.backend)}</span>;
  const missing = existing !== undefined && !existing.has(service);
  return (
    <span className="flex flex-wrap items-center gap-2 font-mono text-xs">
      <Link
        href={routes.object(cluster, 'services', namespace, service)}
        prefetch={false}
        className="text-sky-700 hover:underline dark:text-sky-400"
      >
        {backendText(route.backend)}
      </Link>
      {missing ? (
        <StatusBadge tone="red" title={`No Service ${service} in ${namespace}: requests get a 503`}>
          Service missing
        </StatusBadge>
      ) : null}
    </span>
  );
}

function TlsSection({
  cluster,
  namespace,
  ingress,
  summary,
}: {
  cluster: string;
  namespace: string;
  ingress: IngressLikeObject;
  summary: IngressSummary;
}) {
  const now = useNow(60_000);
  const tls = ingress.spec?.tls ?? [];
  const names = [...new Set(tls.map((t) => t.secretName ?? '').filter(Boolean))];
  const certificates = useResourceList(cluster, 'certificates', {
    namespaces: [namespace],
    limit: 500,
  });
  const secrets = useQueries({
    queries: names.map((n) => ({
      ...resourceObjectOptions(cluster, 'tls-secrets', namespace, n),
      retry: false,
    })),
  });
  if (!tls.length) return null;
  const loading = certificates.isLoading || secrets.some((s) => s.isLoading);
  const hidden = secrets.some((s) => s.error instanceof ApiError && s.error.status === 403);
  const states = ingressTlsStates(
    summary,
    tls,
    {
      // Without cert-manager (or without access to its Certificates) the Secrets alone decide.
      certificates: certificates.data?.items ?? [],
      secrets: secrets.flatMap((s) => (s.data ? [s.data.summary] : [])),
      secretsHidden: hidden,
    },
    Date.parse(now),
  );
  return (
    <Section title="TLS" testId="section-tls">
      {loading ? (
        <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="ingress-tls">
          <thead className={headClass}>
            <tr>
              <th className="py-1 pr-4 font-medium">Secret</th>
              <th className="py-1 pr-4 font-medium">Hosts</th>
              <th className="py-1 font-medium">Certificate</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {states.map((s, i) => (
              <tr key={`${s.secretName}:${i}`} data-secret={s.secretName}>
                <td className={cellClass}>{s.secretName || '<none>'}</td>
                <td className={cellClass}>{s.hosts.join(', ') || '*'}</td>
                <td className="py-1.5 align-top">
                  <span className="flex flex-wrap items-center gap-2 text-xs">
                    <CertificateStateBadge state={s.state} title={s.notAfter ? `Not after ${s.notAfter}` : undefined} />
                    <span className="text-slate-700 dark:text-slate-200">{s.summary}</span>
                    {s.certificate ? (
                      <span className="text-slate-500 dark:text-slate-400">
                        (cert-manager Certificate {s.certificate})
                      </span>
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
