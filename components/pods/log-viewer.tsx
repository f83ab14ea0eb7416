'use client';

import { useEffect, useMemo, useRef, useState } from 'react';

import { visibleControls } from '@/components/pods/ansi';
import { VisibleText } from '@/components/ui/visible-text';
import { apiErrorFrom } from '@/lib/query/fetch';

// Pod logs from the per-user log API: choose the container, the previous instance after a restart,
// follow live (a streamed fetch), search, download. Lines are React text: HTML and ANSI escapes in
// logs are shown, never interpreted.

const MAX_LINES = 10_000;

export function LogViewer({
  cluster,
  namespace,
  pod,
  containers,
  restarted,
}: {
  cluster: string;
  namespace: string;
  pod: string;
  containers: string[];
  /** Containers that restarted at least once (have a previous instance). */
  restarted: string[];
}) {
  const [container, setContainer] = useState(containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [search, setSearch] = useState('');
  // Keyed by what was asked, so a new choice starts empty without resetting state in the effect.
  const [log, setLog] = useState<{ key: string; lines: string[]; error?: string; loading: boolean }>({
    key: '',
    lines: [],
    loading: true,
  });
  const bottom = useRef<HTMLDivElement>(null);

  const base = `/api/k8s/${encodeURIComponent(cluster)}/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(pod)}/log`;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ container, ...(previous ? { previous: 'true' } : {}), ...extra }).toString();

  const key = `${container}|${previous}|${follow}`;
  const current = log.key === key ? log : { key, lines: [], loading: true, error: undefined };
  const { lines, error, loading } = current;

  useEffect(() => {
    if (!container) return;
    const controller = new AbortController();
    const k = `${container}|${previous}|${follow}`;
    const update = (f: (old: { lines: string[]; error?: string; loading: boolean }) => Partial<typeof log>) =>
      setLog((old) => {
        const base = old.key === k ? old : { key: k, lines: [], loading: true };
        return { ...base, ...f(base), key: k };
      });
    const setLines = (f: (old: string[]) => string[]) => update((o) => ({ lines: f(o.lines) }));
    const setError = (message: string) => update(() => ({ error: message, loading: false }));
    const setLoading = (loading: boolean) => update(() => ({ loading }));
    const qs = new URLSearchParams({
      container,
      ...(previous ? { previous: 'true' } : {}),
      tailLines: '2000',
      ...(follow && !previous ? { follow: 'true' } : {}),
    });
    void (async () => {
      try {
        const res = await fetch(`${base}?${qs.toString()}`, { signal: controller.signal, cache: 'no-store' });
        if (!res.ok || !res.body) {
          setError((await apiErrorFrom(res)).message);
          return;
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let rest = '';
        setLoading(false);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parts = (rest + value).split('\n');
          rest = parts.pop() ?? '';
          if (parts.length) setLines((old) => [...old, ...parts].slice(-MAX_LINES));
        }
        if (rest) setLines((old) => [...old, rest].slice(-MAX_LINES));
      } catch (err) {
        if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    })();
    return () => controller.abort();
  }, [base, container, previous, follow]);

  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView({ block: 'nearest' });
  }, [lines, follow]);

  const needle = search.toLowerCase();
  const shown = useMemo(
    () => (needle ? lines.filter((l) => l.toLowerCase().includes(needle)) : lines),
    [lines, needle],
  );

  return (
    <div className="flex flex-col gap-3" data-testid="log-viewer">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Container
          <select
            aria-label="Container"
            value={container}
            onChange={(e) => setContainer(e.target.value)}
            className="rounded-md border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1"
          >
            {containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label
          className="flex items-center gap-1.5"
          title={restarted.includes(container) ? undefined : 'This container has not restarted'}
        >
          <input
            type="checkbox"
            checked={previous}
            onChange={(e) => setPrevious(e.target.checked)}
            disabled={!restarted.includes(container)}
          />
          Previous instance
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} disabled={previous} />
          Follow
        </label>
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-56 rounded-md border border-slate-300 dark:border-slate-700 px-2 py-1"
        />
        <a
          href={`${base}?${query({})}`}
          download={`${pod}-${container}${previous ? '-previous' : ''}.log`}
          className="rounded-md px-2 py-1 text-sky-700 dark:text-sky-400 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/60"
        >
          Download
        </a>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {shown.length} of {lines.length} lines{follow ? ' · following' : ''}
        </span>
      </div>
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
          data-testid="log-error"
        >
          {error}
        </p>
      ) : null}
      <div
        className="max-h-[36rem] overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 dark:ring-1 dark:ring-slate-800"
        data-testid="log-lines"
      >
        {loading ? <p className="text-slate-500 dark:text-slate-400">Loading…</p> : null}
        {shown.map((l, i) => (
          <div key={i} className="whitespace-pre-wrap break-all" data-testid="log-line">
            <VisibleText text={visibleControls(l)} keepTabs />
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </div>
  );
}
