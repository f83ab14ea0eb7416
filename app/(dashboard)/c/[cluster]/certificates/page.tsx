import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { CertificatesTable } from '@/components/certificates/certificates-table';
import { ErrorPanel } from '@/components/ui/error-panel';
import type { CertificateState } from '@/lib/k8s/status/certificate-status';
import { requireIdentity } from '@/server/auth/identity';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { resolveCluster } from '@/server/k8s/cluster';
import { publicSummary, toKubeError } from '@/server/k8s/errors';
import { cacheFor } from '@/server/k8s/registry';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Certificates' };

const TILES: { states: CertificateState[]; label: string; tone: string }[] = [
  { states: ['failing'], label: 'Failing issuance', tone: 'text-red-700' },
  { states: ['expired'], label: 'Expired', tone: 'text-red-700' },
  { states: ['critical'], label: 'Expire within 7 days', tone: 'text-red-700' },
  { states: ['warning'], label: 'Expire within 30 days', tone: 'text-amber-700' },
];

export default async function CertificatesPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, 'certificates'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();

  let health;
  try {
    health = await certificateHealth(cache, who);
  } catch (err) {
    return (
      <div className="mx-auto max-w-7xl">
        <h1 className="text-xl font-semibold text-slate-900">Certificates</h1>
        <div className="mt-6">
          <ErrorPanel
            title="Certificates could not be read"
            error={publicSummary(toKubeError(err, { cluster: ref.name }), ref.name)}
          />
        </div>
      </div>
    );
  }
  const { rows } = health;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Certificates</h1>
          <p className="mt-1 text-sm text-slate-500">
            Expiry of the leaf certificate each TLS Secret serves, joined with cert-manager’s view, most urgent first.
          </p>
        </div>
        <p className="text-xs text-slate-400">
          Read at <time dateTime={health.fetchedAt}>{health.fetchedAt.slice(11, 19)} UTC</time>
        </p>
      </div>

      {!health.certManager ? (
        <p
          role="status"
          data-testid="cert-manager-absent"
          className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700"
        >
          cert-manager is not installed in this cluster (the cert-manager.io API is not served): showing TLS Secrets
          only.
        </p>
      ) : null}
      {health.problems.map((p) => (
        <p
          key={p}
          role="alert"
          className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          {p}
        </p>
      ))}

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {TILES.map((t) => {
          const n = rows.filter((r) => t.states.includes(r.state)).length;
          return (
            <div key={t.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
              <dt className="text-xs text-slate-500">{t.label}</dt>
              <dd className={`mt-1 text-2xl font-semibold ${n ? t.tone : 'text-slate-900'}`}>{n}</dd>
            </div>
          );
        })}
      </dl>

      {rows.length ? (
        <CertificatesTable rows={rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">
          No certificates you may see: none in the namespaces where you may read Ingresses or Certificates.
        </p>
      )}
    </div>
  );
}
