'use client';

import { useQuery } from '@tanstack/react-query';

import { CertificatesTable } from '@/components/certificates/certificates-table';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ErrorPanel } from '@/components/ui/error-panel';
import type { CertificateState } from '@/lib/k8s/status/certificate-status';
import { certificateHealthOptions, certificateLiveKinds } from '@/lib/query/certificates';
import { errorSummaryOf } from '@/lib/query/fetch';
import { Timestamp } from '@/components/ui/timestamp';

// The certificates screen, live: the page hydrates the server's answer; the tab's stream subscribes
// to every kind the screen joins and refetches it when one changes (ADR 0018).

const TILES: { states: CertificateState[]; label: string; tone: string }[] = [
  { states: ['failing'], label: 'Failing issuance', tone: 'text-red-700 dark:text-red-300' },
  { states: ['expired'], label: 'Expired', tone: 'text-red-700 dark:text-red-300' },
  { states: ['critical'], label: 'Expire within 7 days', tone: 'text-red-700 dark:text-red-300' },
  { states: ['warning'], label: 'Expire within 30 days', tone: 'text-amber-700 dark:text-amber-300' },
];

export function CertificatesView({ cluster }: { cluster: string }) {
  const query = useQuery(certificateHealthOptions(cluster));
  const health = query.data;
  useLiveUpdates(health ? certificateLiveKinds(health).map((k) => `${cluster}:${k}`) : []);

  const heading = (
    <div className="flex items-end justify-between gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Certificates</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          Expiry of the leaf certificate each TLS Secret serves, joined with cert-manager’s view, most urgent first.
        </p>
      </div>
      {health ? (
        <p className="text-xs text-slate-400 dark:text-slate-500" data-testid="certificates-read-at">
          Read at <Timestamp iso={health.fetchedAt} precision="second" />
        </p>
      ) : null}
    </div>
  );
  if (!health) {
    return (
      <div className="mx-auto flex max-w-7xl flex-col gap-6">
        {heading}
        {query.error ? (
          <ErrorPanel title="Certificates could not be read" error={errorSummaryOf(query.error)} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Loading certificates…</p>
        )}
      </div>
    );
  }
  const { rows } = health;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      {heading}
      {query.error ? (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-200">
          Showing the last answer: {errorSummaryOf(query.error).message}
        </p>
      ) : null}
      {!health.certManager ? (
        <p
          role="status"
          data-testid="cert-manager-absent"
          className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-800/40 dark:text-slate-300"
        >
          cert-manager is not installed in this cluster (the cert-manager.io API is not served): showing TLS Secrets
          only.
        </p>
      ) : null}
      {health.problems.map((p) => (
        <p
          key={p}
          role="alert"
          className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
        >
          {p}
        </p>
      ))}

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {TILES.map((t) => {
          const n = rows.filter((r) => t.states.includes(r.state)).length;
          return (
            <div
              key={t.label}
              className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <dt className="text-xs text-slate-500 dark:text-slate-400">{t.label}</dt>
              <dd className={`mt-1 text-2xl font-semibold ${n ? t.tone : 'text-slate-900 dark:text-slate-100'}`}>
                {n}
              </dd>
            </div>
          );
        })}
      </dl>

      {rows.length ? (
        <CertificatesTable rows={rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
          No certificates you may see: none in the namespaces where you may read Ingresses or Certificates.
        </p>
      )}
    </div>
  );
}
