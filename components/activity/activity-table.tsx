import type { AuditEntry } from '@/lib/audit/types';

import { paramsSummary } from './params-summary';
import { ResultBadge } from './result-badge';
import { Timestamp } from '@/components/ui/timestamp';
import { VisibleText } from '@/components/ui/visible-text';

// The audit entries as a table, newest first. A server component: nothing here is interactive.

export function ActivityTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-6 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
        No activity matches these filters.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800 text-sm" aria-label="Activity">
        <thead className="bg-slate-50 dark:bg-slate-800/40 text-left text-xs font-medium tracking-wide text-slate-500 dark:text-slate-400 uppercase">
          <tr>
            <th className="px-3 py-2">Time</th>
            <th className="px-3 py-2">User</th>
            <th className="px-3 py-2">Action</th>
            <th className="px-3 py-2">Target</th>
            <th className="px-3 py-2">Change</th>
            <th className="px-3 py-2">Result</th>
            <th className="px-3 py-2">Reason / message</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((e) => (
            <tr key={e.id} data-testid="activity-row" data-request-id={e.requestId} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <Timestamp iso={e.time} precision="second" />
              </td>
              <td className="px-3 py-2 whitespace-nowrap" title={e.groups.join(', ')}>
                {e.user}
              </td>
              <td className="px-3 py-2 font-medium whitespace-nowrap">{e.action}</td>
              <td className="px-3 py-2">
                <span className="text-slate-500 dark:text-slate-400">{e.kind}</span>{' '}
                <span className="font-mono text-xs">
                  {e.namespace ? `${e.namespace}/` : ''}
                  {e.name}
                </span>
                {e.resourceVersion ? (
                  <span className="block text-xs text-slate-400 dark:text-slate-500">rv {e.resourceVersion}</span>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{paramsSummary(e.params) || '–'}</td>
              <td className="px-3 py-2">
                <ResultBadge result={e.result} />
              </td>
              <td className="max-w-md px-3 py-2 break-words">
                {e.reason ? (
                  <span className="block text-slate-800 dark:text-slate-200">
                    “<VisibleText text={e.reason} />”
                  </span>
                ) : null}
                {e.message ? (
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    <VisibleText text={e.message} />
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
