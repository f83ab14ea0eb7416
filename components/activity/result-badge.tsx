import type { AuditResult } from '@/lib/audit/types';

const STYLES: Record<AuditResult, string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  denied: 'bg-red-50 text-red-700 ring-red-600/20',
  conflict: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  invalid: 'bg-orange-50 text-orange-700 ring-orange-600/20',
  failed: 'bg-red-50 text-red-700 ring-red-600/20',
  pending: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

export function ResultBadge({ result }: { result: AuditResult }) {
  return (
    <span
      data-testid="result-badge"
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[result]}`}
    >
      {result}
    </span>
  );
}
