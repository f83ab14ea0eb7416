'use client';

import { formatDistanceStrict } from 'date-fns';

import type { RevisionEntry } from '@/lib/k8s/rollout/types';
import { VisibleText } from '@/components/ui/visible-text';

// The revision history table: revision, change-cause, images, created, how long it was live
// (approximate: from creation times), and "View diff / Roll back to this" per older revision.

function liveFor(r: RevisionEntry, now: number): string {
  if (!r.createdAt) return '–';
  const end = r.current ? now : r.replacedAt ? Date.parse(r.replacedAt) : undefined;
  if (end === undefined) return '–';
  const text = formatDistanceStrict(Date.parse(r.createdAt), end);
  return r.current ? `${text} so far` : `≈ ${text}`;
}

export interface RevisionHistoryProps {
  history: RevisionEntry[];
  now: number;
  canRollBack: boolean;
  onRollBack: (revision: number) => void;
}

export function RevisionHistory({ history, now, canRollBack, onRollBack }: RevisionHistoryProps) {
  if (history.length === 0)
    return <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">No revision history.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="revision-history">
      <thead className="bg-slate-50 dark:bg-slate-800/40 text-xs text-slate-500 dark:text-slate-400 uppercase">
        <tr>
          <th className="px-4 py-2">Revision</th>
          <th className="px-4 py-2">Change cause</th>
          <th className="px-4 py-2">Images</th>
          <th className="px-4 py-2">Created</th>
          <th className="px-4 py-2" title="Approximate: until the next revision's object was created">
            Live
          </th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {history.map((r) => (
          <tr key={r.revision} data-testid={`revision-${r.revision}`} data-revision={r.revision}>
            <td className="px-4 py-2 font-medium">
              {r.revision}
              {r.current ? <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-300">current</span> : null}
            </td>
            <td className="px-4 py-2 text-slate-700 dark:text-slate-300">{r.changeCause ?? '–'}</td>
            <td className="px-4 py-2 font-mono text-xs">
              <VisibleText text={r.images.join(', ')} />
            </td>
            <td className="px-4 py-2 text-slate-600 dark:text-slate-400" title={r.createdAt}>
              {r.createdAt ? `${formatDistanceStrict(Date.parse(r.createdAt), now)} ago` : '–'}
            </td>
            <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{liveFor(r, now)}</td>
            <td className="px-4 py-2 text-right">
              {!r.current && canRollBack ? (
                <button
                  type="button"
                  onClick={() => onRollBack(r.revision)}
                  className="rounded px-2 py-1 text-xs font-medium text-slate-800 dark:text-slate-200 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60"
                >
                  View diff / roll back…
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
