'use client';

import { useEffect, useState } from 'react';

import type { ListState } from '@/components/resource/use-list-state';
import { useResourceList } from '@/components/resource/use-resource-list';

// Namespace multi-select, text filter and label selector for any resource list.

export function ListFilters({
  cluster,
  state,
  onChange,
  showLabels = true,
  showNamespaces = true,
}: {
  cluster: string;
  state: ListState;
  onChange: (patch: Partial<ListState>) => void;
  showLabels?: boolean;
  /** False for cluster-scoped kinds (nodes, storage classes…). */
  showNamespaces?: boolean;
}) {
  const [q, setQ] = useState(state.q);
  const [labels, setLabels] = useState(state.labelSelector);
  // Debounced: typing does not fire one request per key.
  useEffect(() => {
    if (q === state.q) return;
    const t = setTimeout(() => onChange({ q }), 250);
    return () => clearTimeout(t);
  }, [q, state.q, onChange]);

  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="list-filters">
      {showNamespaces ? (
        <NamespacePicker
          cluster={cluster}
          selected={state.namespaces}
          onChange={(namespaces) => onChange({ namespaces })}
        />
      ) : null}
      <input
        type="search"
        aria-label="Filter by text"
        placeholder="Filter by name, image, status…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="w-72 rounded-md border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm"
      />
      {showLabels ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ labelSelector: labels });
          }}
        >
          <input
            aria-label="Label selector"
            placeholder="Label selector, e.g. app=web,tier!=db"
            value={labels}
            onChange={(e) => setLabels(e.target.value)}
            onBlur={() => labels !== state.labelSelector && onChange({ labelSelector: labels })}
            className="w-72 rounded-md border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1.5 font-mono text-xs"
          />
        </form>
      ) : null}
    </div>
  );
}

function NamespacePicker({
  cluster,
  selected,
  onChange,
}: {
  cluster: string;
  selected: string[];
  onChange: (namespaces: string[]) => void;
}) {
  const { data } = useResourceList(cluster, 'namespaces', { limit: 1000 });
  const names = data?.items.map((n) => n.name) ?? [];
  const label =
    selected.length === 0 ? 'All namespaces' : selected.length === 1 ? selected[0] : `${selected.length} namespaces`;
  const toggle = (ns: string) =>
    onChange(selected.includes(ns) ? selected.filter((s) => s !== ns) : [...selected, ns].sort());
  return (
    <details className="relative" data-testid="namespace-picker">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-300">
        Namespace: <span className="font-medium">{label}</span> ▾
      </summary>
      <div className="absolute z-20 mt-1 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-2 shadow-lg">
        <button
          type="button"
          className="mb-1 w-full rounded px-2 py-1 text-left text-xs text-sky-700 dark:text-sky-400 hover:bg-slate-50 dark:hover:bg-slate-800/60"
          onClick={() => onChange([])}
        >
          All namespaces
        </button>
        {names.map((ns) => (
          <label
            key={ns}
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60"
          >
            <input type="checkbox" checked={selected.includes(ns)} onChange={() => toggle(ns)} />
            <span className="font-mono text-xs">{ns}</span>
          </label>
        ))}
      </div>
    </details>
  );
}
