import type { AuditEntry } from '@/lib/audit/types';

import { ActivityRow } from './activity-row';

// The audit entries as a table, newest first; a row whose write recorded its changed fields expands
// to them (activity-row.tsx).

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
            <ActivityRow key={e.id} entry={e} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
