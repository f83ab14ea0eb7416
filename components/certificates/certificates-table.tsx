import { Fragment } from 'react';

import { CertificateDetails } from '@/components/certificates/certificate-details';
import { CertificateStateBadge } from '@/components/certificates/certificate-state-badge';
import { StatusBadge } from '@/components/ui/status-badge';
import type { CertificateRow } from '@/lib/k8s/status/certificate-status';
import { VisibleText } from '@/components/ui/visible-text';

// One table across namespaces, most urgent first (failing, then fewest days left). A server
// component: nothing here needs the browser, and no certificate data beyond this DTO reaches it.

function Expiry({ row }: { row: CertificateRow }) {
  if (!row.notAfter || row.daysLeft === undefined) return <span className="text-slate-400 dark:text-slate-500">—</span>;
  const days = row.daysLeft < 0 ? `${-row.daysLeft} d ago` : `${row.daysLeft} d`;
  return (
    <span className="whitespace-nowrap">
      <time dateTime={row.notAfter}>{row.notAfter.slice(0, 10)}</time>
      <span className="ml-2 text-slate-500 dark:text-slate-400" data-testid="days-left">
        {days}
      </span>
    </span>
  );
}

function Hosts({ row }: { row: CertificateRow }) {
  const hosts = row.ingresses.flatMap((i) => i.hosts.map((h) => ({ host: h, ingress: i.name })));
  if (!hosts.length) return <span className="text-slate-400 dark:text-slate-500">—</span>;
  return (
    <ul className="flex flex-col">
      {hosts.map(({ host, ingress }) => (
        <li key={`${ingress}/${host}`} title={`Ingress ${row.namespace}/${ingress}`} className="font-mono">
          {host}
        </li>
      ))}
    </ul>
  );
}

export function CertificatesTable({ rows }: { rows: CertificateRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm">
      <table className="min-w-full text-left text-sm" data-testid="certificates-table">
        <thead className="border-b border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-800/40 text-xs font-medium text-slate-500 dark:text-slate-400 uppercase">
          <tr>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2">Certificate</th>
            <th className="px-3 py-2">Expires (leaf)</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Issuer</th>
            <th className="px-3 py-2">DNS names</th>
            <th className="px-3 py-2">Served on</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <Fragment key={row.key}>
              <tr data-testid="certificate-row" data-key={row.key} data-state={row.state} className="align-top">
                <td className="px-3 py-2 whitespace-nowrap">
                  <CertificateStateBadge state={row.state} title={row.summary} />
                </td>
                <td className="px-3 py-2">
                  <div className="font-medium whitespace-nowrap text-slate-900 dark:text-slate-100">{row.name}</div>
                  <div className="flex flex-wrap items-center gap-1 text-xs whitespace-nowrap text-slate-500 dark:text-slate-400">
                    <span>{row.namespace}</span>
                    <StatusBadge tone="slate">
                      {row.source === 'cert-manager' ? 'cert-manager' : 'TLS Secret only'}
                    </StatusBadge>
                    {row.leaf?.isCA ? <StatusBadge tone="blue">CA</StatusBadge> : null}
                    {row.renewing ? <StatusBadge tone="blue">Renewing</StatusBadge> : null}
                  </div>
                </td>
                <td className="px-3 py-2">
                  <Expiry row={row} />
                  {row.renewalTime ? (
                    <div className="text-xs text-slate-500 dark:text-slate-400">
                      renews {row.renewalTime.slice(0, 10)}
                    </div>
                  ) : null}
                </td>
                <td
                  className="max-w-xs px-3 py-2 text-xs break-words text-slate-700 dark:text-slate-300"
                  data-testid="certificate-summary"
                >
                  {row.summary}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
                  <VisibleText text={row.issuer ?? row.leaf?.issuer ?? '—'} />
                </td>
                <td className="px-3 py-2 font-mono text-xs text-slate-600 dark:text-slate-400">
                  {row.dnsNames.map((n) => (
                    <div key={n}>{n}</div>
                  ))}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
                  <Hosts row={row} />
                </td>
              </tr>
              {row.warnings.length || row.issuance.length ? (
                <tr data-testid="certificate-details" data-key={row.key}>
                  <td />
                  <td colSpan={6} className="px-3 pb-3">
                    <CertificateDetails row={row} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
