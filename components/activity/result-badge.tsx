import type { AuditResult } from '@/lib/audit/types';

/** Badge colours per result; contrast in both themes is measured in components/ui/status-badge.test.ts. */
export const RESULT_BADGE_STYLES: Record<AuditResult, string> = {
  ok: 'bg-emerald-50 dark:bg-emerald-950/40 text-emerald-700 dark:text-emerald-300 ring-emerald-600/20 dark:ring-emerald-400/30',
  denied: 'bg-red-50 dark:bg-red-950/40 text-red-700 dark:text-red-300 ring-red-600/20 dark:ring-red-400/30',
  conflict:
    'bg-amber-50 dark:bg-amber-950/40 text-amber-800 dark:text-amber-200 ring-amber-600/20 dark:ring-amber-400/30',
  refused:
    'bg-amber-50 dark:bg-amber-950/40 text-amber-800 dark:text-amber-200 ring-amber-600/20 dark:ring-amber-400/30',
  invalid:
    'bg-orange-50 dark:bg-orange-950/40 text-orange-700 dark:text-orange-300 ring-orange-600/20 dark:ring-orange-400/30',
  failed: 'bg-red-50 dark:bg-red-950/40 text-red-700 dark:text-red-300 ring-red-600/20 dark:ring-red-400/30',
  pending: 'bg-slate-100 dark:bg-slate-800 text-slate-600 dark:text-slate-300 ring-slate-500/20 dark:ring-slate-400/30',
};

export function ResultBadge({ result }: { result: AuditResult }) {
  return (
    <span
      data-testid="result-badge"
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${RESULT_BADGE_STYLES[result]}`}
    >
      {result}
    </span>
  );
}
