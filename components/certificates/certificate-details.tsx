import type { CertificateRow, IssuanceStep } from '@/lib/k8s/status/certificate-status';
import { VisibleText } from '@/components/ui/visible-text';

// The second line of a certificate row: disagreements between the Secret and the Certificate, and
// the CertificateRequest → Order → Challenge chain of an issuance that failed or is in progress.
// Everything is rendered as text (React escapes it): reasons and messages come from the cluster.

function stepTone(step: IssuanceStep): string {
  const s = step.state.toLowerCase();
  if (s === 'failed' || s === 'errored' || s === 'invalid' || s === 'denied') return 'text-red-700 dark:text-red-300';
  return 'text-amber-800 dark:text-amber-200';
}

export function CertificateDetails({ row }: { row: CertificateRow }) {
  if (!row.warnings.length && !row.issuance.length) return null;
  const failing = row.state === 'failing';
  return (
    <div className="flex flex-col gap-2 text-xs">
      {row.warnings.map((w) => (
        <p
          key={w}
          role="note"
          data-testid="certificate-warning"
          className="rounded bg-amber-50 dark:bg-amber-950/40 px-2 py-1 text-amber-900 dark:text-amber-100"
        >
          <span className="font-semibold">Mismatch: </span>
          {w}
        </p>
      ))}
      {row.issuance.length ? (
        <div data-testid="certificate-issuance">
          <p className="font-medium text-slate-600 dark:text-slate-400">
            {failing ? 'Why issuance fails' : 'Issuance in progress'}
          </p>
          <ol className="mt-1 flex flex-col gap-1">
            {row.issuance.map((step) => (
              <li key={`${step.kind}/${step.name}`} className="flex flex-wrap gap-x-2">
                <span className="text-slate-500 dark:text-slate-400">{step.kind}</span>
                <span className="font-mono text-slate-700 dark:text-slate-300">{step.name}</span>
                <span className={`font-semibold ${stepTone(step)}`}>{step.state}</span>
                {step.reason && step.reason !== step.state ? (
                  <span className="break-words text-slate-600 dark:text-slate-400">
                    <VisibleText text={step.reason} />
                  </span>
                ) : null}
                {step.kind !== 'Challenge' && step.message ? (
                  <span className="break-words text-slate-500 dark:text-slate-400">
                    — <VisibleText text={step.message} />
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
