import type { ConditionSummary } from '@/lib/k8s/kinds/workload-fields';
import { VisibleText } from '@/components/ui/visible-text';

// Conditions as kubectl describe lists them; a failing condition (status False with a reason such
// as ProgressDeadlineExceeded) is highlighted.

export function ConditionsTable({ conditions, now }: { conditions: readonly ConditionSummary[]; now?: string }) {
  if (!conditions.length) return <p className="text-sm text-slate-400 dark:text-slate-500">No conditions reported.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="conditions">
      <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3">Type</th>
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3">Reason</th>
          <th className="py-1">Message</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {conditions.map((c) => {
          const bad = c.status === 'False' || c.reason === 'ProgressDeadlineExceeded';
          return (
            <tr
              key={c.type}
              className={bad ? 'bg-red-50 dark:bg-red-950/40' : undefined}
              title={c.lastTransitionTime ?? now}
            >
              <td className="py-1.5 pr-3 font-medium text-slate-800 dark:text-slate-200">{c.type}</td>
              <td
                className={`py-1.5 pr-3 ${bad ? 'font-medium text-red-700 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}
              >
                {c.status}
              </td>
              <td
                className={`py-1.5 pr-3 font-mono text-xs ${bad ? 'text-red-700 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}
              >
                <VisibleText text={c.reason ?? ''} />
              </td>
              <td className="py-1.5 text-slate-600 dark:text-slate-400">
                <VisibleText text={c.message ?? ''} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
