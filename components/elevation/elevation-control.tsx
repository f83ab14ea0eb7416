'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LockKeyhole, LockKeyholeOpen } from 'lucide-react';
import { useEffect, useState } from 'react';

import { elevationOptions, endElevation, startElevation, type ElevationState } from '@/lib/query/elevation';
import { VisibleText } from '@/components/ui/visible-text';

// "Enable changes for 15 minutes, because …". Renders nothing when the dashboard does not require
// elevation. The countdown runs locally from expiresAt; at zero the server is asked again.

const DURATIONS = [5, 15, 30, 60, 120];

function useSecondsLeft(expiresAt: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000)) : 0;
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function ElevationControl({ cluster }: { cluster: string }) {
  const client = useQueryClient();
  const { data } = useQuery(elevationOptions(cluster));
  const secondsLeft = useSecondsLeft(data?.active?.expiresAt);
  const expired = Boolean(data?.active) && secondsLeft === 0;
  useEffect(() => {
    if (expired) void client.invalidateQueries({ queryKey: elevationOptions(cluster).queryKey });
  }, [expired, client, cluster]);
  const settle = (state: ElevationState) => client.setQueryData(elevationOptions(cluster).queryKey, state);
  const end = useMutation({ mutationFn: () => endElevation(cluster), onSuccess: settle });

  if (!data || data.mode === 'off') return null;
  if (data.active && !expired) {
    return (
      <div
        role="status"
        data-testid="elevation-active"
        className="flex items-center gap-2 rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-1 text-xs text-amber-900 dark:text-amber-100 ring-1 ring-amber-200 dark:ring-amber-800"
      >
        <LockKeyholeOpen aria-hidden className="h-3.5 w-3.5" />
        <span>
          Changes enabled · <span data-testid="elevation-remaining">{clock(secondsLeft)}</span> left
        </span>
        <span className="max-w-48 truncate text-amber-700 dark:text-amber-300" title={data.active.reason}>
          “<VisibleText text={data.active.reason} />”
        </span>
        <button
          type="button"
          onClick={() => end.mutate()}
          disabled={end.isPending}
          className="rounded px-1.5 py-0.5 font-medium hover:bg-amber-100 dark:hover:bg-amber-900/40"
        >
          End now
        </button>
      </div>
    );
  }
  return <StartElevation cluster={cluster} maxMinutes={data.maxMinutes} onStarted={settle} />;
}

function StartElevation({
  cluster,
  maxMinutes,
  onStarted,
}: {
  cluster: string;
  maxMinutes: number;
  onStarted: (state: ElevationState) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const durations = DURATIONS.filter((d) => d <= maxMinutes);
  const [minutes, setMinutes] = useState(Math.min(15, maxMinutes));
  const start = useMutation({
    mutationFn: () => startElevation(cluster, reason.trim(), minutes),
    onSuccess: (state) => {
      setOpen(false);
      setReason('');
      onStarted(state);
    },
  });

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex items-center gap-1.5 rounded-md px-3 py-1 text-xs text-slate-600 dark:text-slate-400 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60"
      >
        <LockKeyhole aria-hidden className="h-3.5 w-3.5" />
        Enable changes
      </button>
    );
  }
  return (
    <form
      aria-label="Enable changes"
      className="flex items-center gap-2 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate();
      }}
    >
      <input
        aria-label="Reason"
        placeholder="Why? (recorded in the audit log)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        minLength={3}
        maxLength={500}
        className="w-64 rounded-md border border-slate-300 dark:border-slate-700 px-2 py-1"
      />
      <select
        aria-label="Duration"
        value={minutes}
        onChange={(e) => setMinutes(Number(e.target.value))}
        className="rounded-md border border-slate-300 dark:border-slate-700 px-1 py-1"
      >
        {(durations.length ? durations : [maxMinutes]).map((d) => (
          <option key={d} value={d}>
            {d} min
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={start.isPending}
        className="rounded-md bg-amber-600 px-2 py-1 font-medium text-white"
      >
        Enable
      </button>
      <button type="button" onClick={() => setOpen(false)} className="px-1 text-slate-500 dark:text-slate-400">
        Cancel
      </button>
      {start.error ? (
        <span role="alert" className="text-red-700 dark:text-red-300">
          {start.error.message}
        </span>
      ) : null}
    </form>
  );
}
