'use client';

import { humanDuration } from '@/lib/format/age';
import type { RevisionEntry } from '@/lib/k8s/rollout/types';
import { Timestamp } from '@/components/ui/timestamp';
import { VisibleText } from '@/components/ui/visible-text';

// The revision history table: revision, change-cause, images, when it was live (from → until, from
// lib/k8s/rollout/history.ts applyLiveTimes) and "View diff / Roll back to this" per older revision.
// Durations are kubectl's (humanDuration), absolute times UTC with local time in the tooltip.

const UNKNOWN_START =
  'Not recorded: a rollback re-used this revision’s ReplicaSet (or ControllerRevision), which keeps its old creation time';

function liveFor(r: RevisionEntry, next: RevisionEntry | undefined, now: number): { text: string; title?: string } {
  if (!r.liveFrom) return { text: '–', title: UNKNOWN_START };
  const from = Date.parse(r.liveFrom);
  if (r.current) return { text: `${r.liveFromApprox ? '≈ ' : ''}${humanDuration(now - from)} so far` };
  if (!r.liveUntil)
    return { text: '–', title: `When revision ${next?.revision ?? r.revision + 1} took over is not recorded` };
  const approx = r.liveFromApprox || next?.liveFromApprox;
  return { text: `${approx ? '≈ ' : ''}${humanDuration(Date.parse(r.liveUntil) - from)}` };
}

function LiveFrom({ r, now }: { r: RevisionEntry; now: number }) {
  const created = r.createdAt ? `created ${humanDuration(now - Date.parse(r.createdAt))} ago` : '';
  return (
    <>
      {r.liveFrom ? (
        <span title={r.liveFromApprox ? 'Approximate: when its oldest pod was created' : undefined}>
          {r.liveFromApprox ? '≈ ' : ''}
          <Timestamp iso={r.liveFrom} />
        </span>
      ) : (
        <span title={UNKNOWN_START}>not recorded</span>
      )}
      {r.reusedFrom?.length ? (
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          earlier revision {r.reusedFrom.join(', ')}, {created}
        </span>
      ) : null}
    </>
  );
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
          <th className="px-4 py-2">Live from</th>
          <th className="px-4 py-2">Live for</th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {history.map((r, i) => (
          <tr key={r.revision} data-testid={`revision-${r.revision}`} data-revision={r.revision}>
            <td className="px-4 py-2 font-medium">
              {r.revision}
              {r.current ? <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-300">current</span> : null}
            </td>
            <td className="px-4 py-2 text-slate-700 dark:text-slate-300">{r.changeCause ?? '–'}</td>
            <td className="px-4 py-2 font-mono text-xs">
              <VisibleText text={r.images.join(', ')} />
            </td>
            <td
              className="px-4 py-2 text-slate-600 dark:text-slate-400"
              data-testid="revision-live-from"
              data-from={r.liveFrom}
            >
              <LiveFrom r={r} now={now} />
            </td>
            <td
              className="px-4 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400"
              data-testid="revision-live-for"
              data-until={r.liveUntil}
              title={liveFor(r, history[i - 1], now).title}
            >
              {liveFor(r, history[i - 1], now).text}
            </td>
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
