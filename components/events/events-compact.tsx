'use client';

import { useState } from 'react';

import { formatAge } from '@/lib/format/age';
import { revealHidden } from '@/lib/format/visible-text';
import type { EventSummary } from '@/lib/k8s/kinds/events';
import { useNow } from '@/components/resource/use-now';
import { StatusBadge } from '@/components/ui/status-badge';
import { VisibleText } from '@/components/ui/visible-text';

/** Events about one object (and its ReplicaSets/pods): warnings first, newest first; text only. */
const FIRST = 12;

export function EventsCompact({ events }: { events: EventSummary[] }) {
  const now = useNow(events.map((e) => e.lastSeen));
  const [all, setAll] = useState(false);
  if (!events.length) return <p className="text-sm text-slate-400 dark:text-slate-500">No recent events.</p>;
  const shown = all ? events : events.slice(0, FIRST);
  return (
    <>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="object-events">
        {shown.map((e) => (
          <li key={e.uid} className="flex items-start gap-3 py-1.5 text-sm">
            <StatusBadge tone={e.type === 'Warning' ? 'amber' : 'slate'}>{e.type}</StatusBadge>
            <span
              className="w-48 shrink-0 truncate font-medium text-slate-800 dark:text-slate-200"
              title={revealHidden(e.reason)}
            >
              <VisibleText text={e.reason} />
            </span>
            <span className="min-w-0 flex-1 break-words text-slate-600 dark:text-slate-400">
              <span className="font-mono text-xs text-slate-500 dark:text-slate-400">
                {e.involved.kind.toLowerCase()}/{e.involved.name}
              </span>{' '}
              <VisibleText text={e.message} />
            </span>
            <span className="shrink-0 text-xs tabular-nums text-slate-500 dark:text-slate-400" title={e.lastSeen}>
              {e.count > 1 ? `×${e.count} · ` : ''}
              {formatAge(e.lastSeen, now)}
            </span>
          </li>
        ))}
      </ul>
      {events.length > FIRST ? (
        <button
          type="button"
          onClick={() => setAll((a) => !a)}
          className="mt-2 text-sm text-sky-700 dark:text-sky-400 hover:underline"
        >
          {all ? 'Show fewer' : `Show all ${events.length} events`}
        </button>
      ) : null}
    </>
  );
}
